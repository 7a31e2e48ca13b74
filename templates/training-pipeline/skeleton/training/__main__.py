"""``python -m training --data train.csv``: one training run."""

import argparse
import json
import os
import sys
from pathlib import Path

from .data_validation import DataValidationError
from .features import MODEL_NAME
from .metrics import record_outcome
from .pipeline import MINIMUM_AUC, run_training
from .tracking import tracker_from_uri


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training")
    parser.add_argument("--data", type=Path, required=True, help="CSV with an id, the features and the label")
    parser.add_argument("--label", default="label")
    parser.add_argument("--tracking", default=os.environ.get("MLFLOW_TRACKING_URI", ${{ values.trackingUri | dump }}),
                        help="MLflow tracking URI, or local:<dir>")
    parser.add_argument("--experiment", default=${{ values.experimentName | dump }})
    parser.add_argument("--minimum-auc", type=float, default=MINIMUM_AUC)
    parser.add_argument("--weights-out", type=Path, help="also write the weights for the model server")
    parser.add_argument("--metrics-file", type=Path, default=os.environ.get("TRAINING_METRICS_FILE"))
    args = parser.parse_args(argv)
    try:
        result = run_training(args.data, tracker_from_uri(args.tracking, args.experiment),
                              label=args.label, minimum_auc=args.minimum_auc)
    except (DataValidationError, RuntimeError, OSError) as error:
        if args.metrics_file:
            record_outcome(args.metrics_file, MODEL_NAME, "failed")
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.metrics_file:
        record_outcome(args.metrics_file, MODEL_NAME, "success")
    if args.weights_out:
        args.weights_out.write_text(json.dumps({"name": MODEL_NAME, "version": result.registered_version or "unregistered",
                                                **result.weights}, indent=2), encoding="utf-8")
    print(json.dumps({"run_id": result.run_id, "metrics": result.metrics,
                      "registered_version": result.registered_version}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
