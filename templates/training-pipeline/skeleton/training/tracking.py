"""Experiment tracking behind a small interface.

``MlflowTracker`` is what runs in CI and production: runs, parameters and
metrics in MLflow, the model logged as an MLflow pyfunc model and registered
in the model registry. ``LocalTracker`` writes the same facts to a directory,
for offline runs and the tests, which must not need a tracking server (or
mlflow installed).
"""

import json
import os
import tempfile
import uuid
from pathlib import Path
from typing import Dict, Optional, Protocol

try:  # mlflow is a production dependency, not a test one.
    import mlflow
except ImportError:  # pragma: no cover - depends on the environment
    mlflow = None


class ExperimentTracker(Protocol):
    def start_run(self, run_name: str) -> str: ...
    def log_params(self, params: Dict[str, object]) -> None: ...
    def log_metrics(self, metrics: Dict[str, float]) -> None: ...
    def log_model(self, weights: dict) -> str: ...
    def register_model(self, model_uri: str, name: str) -> str: ...
    def end_run(self, status: str) -> None: ...


class MlflowTracker:
    def __init__(self, tracking_uri: str, experiment: str) -> None:
        if mlflow is None:
            raise RuntimeError(
                "mlflow is not installed; install requirements.txt, or use --tracking local:<dir>"
            )
        mlflow.set_tracking_uri(tracking_uri)
        mlflow.set_experiment(experiment)
        self._run = None

    def start_run(self, run_name: str) -> str:
        self._run = mlflow.start_run(run_name=run_name)
        return self._run.info.run_id

    def log_params(self, params: Dict[str, object]) -> None:
        mlflow.log_params(params)

    def log_metrics(self, metrics: Dict[str, float]) -> None:
        mlflow.log_metrics(metrics)

    def log_model(self, weights: dict) -> str:
        from .serving import pyfunc_model_class

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "weights.json"
            path.write_text(json.dumps(weights), encoding="utf-8")
            info = mlflow.pyfunc.log_model(
                artifact_path="model",
                python_model=pyfunc_model_class()(),
                artifacts={"weights": str(path)},
            )
        return info.model_uri

    def register_model(self, model_uri: str, name: str) -> str:
        return str(mlflow.register_model(model_uri, name).version)

    def end_run(self, status: str) -> None:
        mlflow.end_run(status=status)


class LocalTracker:
    """Writes runs under ``<root>/<run id>/`` and a registry in ``<root>/registry.json``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.run_dir: Optional[Path] = None

    def start_run(self, run_name: str) -> str:
        run_id = uuid.uuid4().hex
        self.run_dir = self.root / run_id
        self.run_dir.mkdir(parents=True)
        self._write("run.json", {"run_id": run_id, "run_name": run_name, "status": "RUNNING"})
        return run_id

    def _write(self, name: str, payload) -> None:
        assert self.run_dir is not None, "start_run first"
        (self.run_dir / name).write_text(json.dumps(payload, indent=2), encoding="utf-8")

    def _read(self, name: str) -> dict:
        assert self.run_dir is not None, "start_run first"
        path = self.run_dir / name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def log_params(self, params: Dict[str, object]) -> None:
        self._write("params.json", {**self._read("params.json"), **params})

    def log_metrics(self, metrics: Dict[str, float]) -> None:
        self._write("metrics.json", {**self._read("metrics.json"), **metrics})

    def log_model(self, weights: dict) -> str:
        model_dir = self.run_dir / "model"
        model_dir.mkdir()
        (model_dir / "weights.json").write_text(json.dumps(weights, indent=2), encoding="utf-8")
        return str(model_dir)

    def register_model(self, model_uri: str, name: str) -> str:
        registry_path = self.root / "registry.json"
        registry = json.loads(registry_path.read_text(encoding="utf-8")) if registry_path.exists() else {}
        versions = registry.setdefault(name, [])
        versions.append({"version": str(len(versions) + 1), "source": model_uri})
        tmp = registry_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(registry, indent=2), encoding="utf-8")
        os.replace(tmp, registry_path)
        return versions[-1]["version"]

    def end_run(self, status: str) -> None:
        self._write("run.json", {**self._read("run.json"), "status": status})


def tracker_from_uri(uri: str, experiment: str) -> ExperimentTracker:
    """``local:<dir>`` for a LocalTracker, anything else is an MLflow tracking URI."""
    if uri.startswith("local:"):
        return LocalTracker(Path(uri[len("local:"):]))
    return MlflowTracker(uri, experiment)
