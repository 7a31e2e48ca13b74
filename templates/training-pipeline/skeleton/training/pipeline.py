"""One training run: validate the data, train, evaluate, record, register.

The run is recorded whatever happens (parameters, metrics, status); a model
version is registered only when its AUC on the held-out rows reaches the
threshold, so a worse model never reaches the registry by accident.
"""

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from .data_validation import validate_training_data
from .features import FEATURES, MODEL_NAME
from .model import evaluate, train_logistic
from .tracking import ExperimentTracker

MINIMUM_AUC = ${{ values.minimumAuc }}


@dataclass
class TrainingResult:
    run_id: str
    metrics: Dict[str, float]
    registered_version: Optional[str]
    weights: dict


def read_rows(path: Path) -> List[Dict[str, str]]:
    with Path(path).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def is_holdout(row: Dict[str, str], key: str, share: float = 0.2) -> bool:
    """A stable split: a row stays on its side of the split across runs."""
    digest = hashlib.sha256(row.get(key, json.dumps(row, sort_keys=True)).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def run_training(
    data_path: Path,
    tracker: ExperimentTracker,
    label: str = "label",
    id_column: str = "id",
    minimum_auc: float = MINIMUM_AUC,
    epochs: int = 200,
) -> TrainingResult:
    rows = read_rows(data_path)
    report = validate_training_data(rows, FEATURES, label=label)
    train = [r for r in rows if not is_holdout(r, id_column)]
    holdout = [r for r in rows if is_holdout(r, id_column)]
    run_id = tracker.start_run(run_name=f"{MODEL_NAME}-training")
    try:
        tracker.log_params({
            "rows": report.rows,
            "train_rows": len(train),
            "holdout_rows": len(holdout),
            "positive_share": round(report.positive_share, 6),
            "epochs": epochs,
            "minimum_auc": minimum_auc,
            "features": ",".join(FEATURES),
        })
        weights = train_logistic(train, FEATURES, label=label, epochs=epochs)
        metrics = evaluate(weights, holdout, label=label)
        tracker.log_metrics(metrics)
        model_uri = tracker.log_model(weights)
        version = None
        if metrics["auc"] >= minimum_auc:
            version = tracker.register_model(model_uri, MODEL_NAME)
        tracker.end_run("FINISHED")
    except Exception:
        tracker.end_run("FAILED")
        raise
    return TrainingResult(run_id=run_id, metrics=metrics, registered_version=version, weights=weights)
