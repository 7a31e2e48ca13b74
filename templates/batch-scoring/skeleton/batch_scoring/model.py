"""The model: a logistic scorer over the declared features.

Weights live in ``model/weights.json`` (one entry per feature: a weight for a
numerical feature, a weight per category for a categorical one) so that
retraining replaces a file, not code.
"""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping

DEFAULT_WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "model" / "weights.json"


class InvalidRowError(ValueError):
    """A row is missing a feature or has a value of the wrong type."""


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
            numerical={f["name"]: float(f["weight"]) for f in features if f["type"] == "numerical"},
            categorical={
                f["name"]: {c: float(w) for c, w in f.get("categories", {}).items()}
                for f in features
                if f["type"] == "categorical"
            },
        )

    @property
    def features(self):
        return sorted([*self.numerical, *self.categorical])

    def score(self, row: Mapping[str, str]) -> float:
        """Scores one CSV row (all values arrive as strings)."""
        total = self.bias
        for feature, weight in self.numerical.items():
            raw = row.get(feature)
            if raw is None or raw == "":
                raise InvalidRowError(f"{feature} is required")
            try:
                total += weight * float(raw)
            except ValueError:
                raise InvalidRowError(f"{feature} must be a number (got {raw!r})") from None
        for feature, weights in self.categorical.items():
            if feature not in row:
                raise InvalidRowError(f"{feature} is required")
            total += weights.get(row[feature], 0.0)
        return 1.0 / (1.0 + math.exp(-total))
