import csv
import json
import random
from pathlib import Path

import pytest

from training.__main__ import main
from training.data_validation import DataValidationError, validate_training_data
from training.features import FEATURES, MODEL_NAME
from training.pipeline import run_training
from training.tracking import LocalTracker, MlflowTracker, mlflow


def synthetic_rows(n=400, seed=1, signal=True):
    """Rows where the label depends on the features (or, without signal, does not)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        row = {"id": f"row-{i}"}
        score = 0.0
        for name, kind in FEATURES.items():
            if kind == "numerical":
                value = rng.gauss(0, 1)
                row[name] = f"{value:.5f}"
                score += value
            else:
                value = rng.choice(["a", "b", "c"])
                row[name] = value
                score += {"a": 1.0, "b": 0.0, "c": -1.0}[value]
        row["label"] = "1" if (score + rng.gauss(0, 0.3) > 0 if signal else rng.random() < 0.5) else "0"
        rows.append(row)
    return rows


def write_csv(path: Path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_validation_names_every_problem():
    rows = synthetic_rows(60)
    name = next(iter(FEATURES))
    for row in rows[:10]:
        row[name] = ""
    rows[11]["label"] = "yes"
    with pytest.raises(DataValidationError) as caught:
        validate_training_data(rows, FEATURES)
    problems = caught.value.problems
    assert f"column {name} is empty in 10 of 60 rows (more than 5%)" in problems
    assert "column label must be 0 or 1 (1 rows are not)" in problems


def test_validation_refuses_missing_columns_and_tiny_data():
    rows = [{"id": "1", "label": "1"}]
    with pytest.raises(DataValidationError) as caught:
        validate_training_data(rows, FEATURES)
    assert "needs at least 50 rows (got 1)" in caught.value.problems
    assert all(f"column {name} is missing" in caught.value.problems for name in FEATURES)


def test_a_good_model_is_recorded_and_registered(tmp_path):
    data = write_csv(tmp_path / "train.csv", synthetic_rows())
    tracker = LocalTracker(tmp_path / "runs")
    result = run_training(data, tracker, minimum_auc=0.8)
    assert result.metrics["auc"] > 0.9
    assert result.registered_version == "1"
    run_dir = tmp_path / "runs" / result.run_id
    assert json.loads((run_dir / "run.json").read_text())["status"] == "FINISHED"
    assert json.loads((run_dir / "metrics.json").read_text())["auc"] == result.metrics["auc"]
    assert json.loads((run_dir / "params.json").read_text())["rows"] == 400
    registry = json.loads((tmp_path / "runs" / "registry.json").read_text())
    assert registry[MODEL_NAME][0]["source"] == str(run_dir / "model")


def test_a_model_below_the_threshold_is_recorded_but_not_registered(tmp_path):
    data = write_csv(tmp_path / "train.csv", synthetic_rows(signal=False))
    result = run_training(data, LocalTracker(tmp_path / "runs"), minimum_auc=0.8)
    assert result.metrics["auc"] < 0.8
    assert result.registered_version is None
    assert not (tmp_path / "runs" / "registry.json").exists()


def test_invalid_data_stops_the_run_before_training(tmp_path, capsys):
    rows = synthetic_rows(30)
    data = write_csv(tmp_path / "train.csv", rows)
    metrics = tmp_path / "training.prom"
    code = main(["--data", str(data), "--tracking", f"local:{tmp_path / 'runs'}", "--metrics-file", str(metrics)])
    assert code == 1
    assert "needs at least 50 rows (got 30)" in capsys.readouterr().err
    assert not (tmp_path / "runs").exists()
    assert f'training_runs_total{{model="{MODEL_NAME}",status="failed"}} 1' in metrics.read_text()


def test_command_line_writes_weights_the_model_server_reads(tmp_path, capsys):
    data = write_csv(tmp_path / "train.csv", synthetic_rows())
    weights = tmp_path / "weights.json"
    code = main(["--data", str(data), "--tracking", f"local:{tmp_path / 'runs'}",
                 "--minimum-auc", "0.8", "--weights-out", str(weights)])
    assert code == 0
    written = json.loads(weights.read_text())
    assert written["name"] == MODEL_NAME and written["version"] == "1"
    assert [f["name"] for f in written["features"]] == [
        *(n for n, t in FEATURES.items() if t == "numerical"),
        *(n for n, t in FEATURES.items() if t == "categorical"),
    ]
    assert json.loads(capsys.readouterr().out)["registered_version"] == "1"


@pytest.mark.skipif(mlflow is not None, reason="mlflow is installed here")
def test_without_mlflow_the_tracker_says_how_to_fix_it():
    with pytest.raises(RuntimeError, match="mlflow is not installed"):
        MlflowTracker("http://mlflow.invalid", "experiment")
