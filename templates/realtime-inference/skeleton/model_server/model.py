"""The model: a logistic scorer over the declared features.

Weights live in ``model/weights.json`` (one entry per feature: a weight for a
numerical feature, a weight per category for a categorical one) so that
retraining replaces a file, not code. Categorical features contribute through per-value weights; unknown
values contribute nothing, which keeps the server answering when a new
category appears (drift detection is where that shows up).
"""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping

DEFAULT_WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "model" / "weights.json"


class InvalidInstanceError(ValueError):
    """An instance is missing a feature or has a value of the wrong type."""


@dataclass
class LogisticModel:
    name: str
    version: str
    bias: float
    numerical: Dict[str, float] = field(default_factory=dict)
    categorical: Dict[str, Dict[str, float]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = DEFAULT_WEIGHTS_PATH) -> "LogisticModel":
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        features = raw.get("features", [])
        return cls(
            name=raw["name"],
            version=raw["version"],
            bias=float(raw.get("bias", 0.0)),
            numerical={
                f["name"]: float(f["weight"]) for f in features if f["type"] == "numerical"
            },
            categorical={
                f["name"]: {c: float(w) for c, w in f.get("categories", {}).items()}
                for f in features
                if f["type"] == "categorical"
            },
        )

    @property
    def features(self) -> List[str]:
        return sorted([*self.numerical, *self.categorical])

    def predict_one(self, instance: Mapping[str, Any]) -> float:
        if not isinstance(instance, Mapping):
            raise InvalidInstanceError("each instance must be a JSON object")
        score = self.bias
        for feature, weight in self.numerical.items():
            if feature not in instance:
                raise InvalidInstanceError(f"{feature} is required")
            value = instance[feature]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InvalidInstanceError(f"{feature} must be a number")
            score += weight * float(value)
        for feature, weights in self.categorical.items():
            if feature not in instance:
                raise InvalidInstanceError(f"{feature} is required")
            score += weights.get(str(instance[feature]), 0.0)
        return 1.0 / (1.0 + math.exp(-score))

    def predict(self, instances: List[Mapping[str, Any]]) -> List[float]:
        problems = []
        scores = []
        for index, instance in enumerate(instances):
            try:
                scores.append(self.predict_one(instance))
            except InvalidInstanceError as error:
                problems.append(f"instances[{index}]: {error}")
        if problems:
            raise InvalidInstanceError("; ".join(problems))
        return scores
