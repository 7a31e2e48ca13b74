"""Logistic regression trained by gradient descent, in the standard library.

The trained weights use the format the model server and the batch scoring
job of the golden paths read (``model/weights.json``): a weight per
numerical feature (on standardised values, folded back into raw units) and
a weight per category.
"""

import math
import random
from typing import Dict, List, Mapping, Sequence, Tuple


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def train_logistic(
    rows: Sequence[Mapping[str, str]],
    features: Mapping[str, str],
    label: str = "label",
    epochs: int = 200,
    learning_rate: float = 0.5,
    l2: float = 1e-3,
    seed: int = 7,
) -> dict:
    numerical = [n for n, t in features.items() if t == "numerical"]
    categorical = [n for n, t in features.items() if t == "categorical"]
    # Standardise numerical features so one learning rate suits them all.
    stats: Dict[str, Tuple[float, float]] = {}
    for name in numerical:
        values = [float(r[name]) for r in rows if r[name] not in ("", None)]
        mean = sum(values) / len(values)
        std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
        stats[name] = (mean, std)
    categories = {name: sorted({r[name] for r in rows}) for name in categorical}

    def encode(row: Mapping[str, str]) -> Dict[str, float]:
        x: Dict[str, float] = {}
        for name in numerical:
            mean, std = stats[name]
            raw = row[name]
            x[name] = 0.0 if raw in ("", None) else (float(raw) - mean) / std
        for name in categorical:
            x[f"{name}={row[name]}"] = 1.0
        return x

    data = [(encode(r), 1.0 if r[label] == "1" else 0.0) for r in rows]
    weights: Dict[str, float] = {}
    bias = 0.0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        grad_b = 0.0
        grad: Dict[str, float] = {}
        for i in order:
            x, y = data[i]
            error = _sigmoid(bias + sum(weights.get(k, 0.0) * v for k, v in x.items())) - y
            grad_b += error
            for k, v in x.items():
                grad[k] = grad.get(k, 0.0) + error * v
        n = len(data)
        bias -= learning_rate * grad_b / n
        for k, g in grad.items():
            weights[k] = weights.get(k, 0.0) - learning_rate * (g / n + l2 * weights.get(k, 0.0))

    # Fold the standardisation into raw-unit weights for the serving format.
    raw_bias = bias
    entries = []
    for name in numerical:
        mean, std = stats[name]
        w = weights.get(name, 0.0) / std
        raw_bias -= w * mean
        entries.append({"name": name, "type": "numerical", "weight": w, "categories": {}})
    for name in categorical:
        entries.append({
            "name": name,
            "type": "categorical",
            "weight": 0.0,
            "categories": {c: weights.get(f"{name}={c}", 0.0) for c in categories[name]},
        })
    return {"bias": raw_bias, "features": entries}


def predict(weights: dict, row: Mapping[str, str]) -> float:
    z = weights["bias"]
    for f in weights["features"]:
        raw = row.get(f["name"], "")
        if f["type"] == "numerical":
            z += f["weight"] * (0.0 if raw in ("", None) else float(raw))
        else:
            z += f["categories"].get(raw, 0.0)
    return _sigmoid(z)


def evaluate(weights: dict, rows: Sequence[Mapping[str, str]], label: str = "label") -> Dict[str, float]:
    """Accuracy at 0.5, ROC AUC (Mann-Whitney U, ties counted half) and log loss."""
    scored: List[Tuple[float, int]] = [(predict(weights, r), 1 if r[label] == "1" else 0) for r in rows]
    accuracy = sum(1 for p, y in scored if (p >= 0.5) == (y == 1)) / len(scored)
    eps = 1e-12
    log_loss = -sum(y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps)) for p, y in scored) / len(scored)
    positives = [p for p, y in scored if y == 1]
    negatives = [p for p, y in scored if y == 0]
    if positives and negatives:
        wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
        auc = wins / (len(positives) * len(negatives))
    else:
        auc = float("nan")
    return {"accuracy": accuracy, "auc": auc, "log_loss": log_loss}
