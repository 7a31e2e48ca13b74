"""Checks the training data before any training happens.

A model trained on broken data is worse than no new model: the run stops
here, with every problem named (column, rule, how many rows), instead of
registering a version nobody can trust.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Sequence


class DataValidationError(ValueError):
    def __init__(self, problems: List[str]) -> None:
        super().__init__("training data is invalid: " + "; ".join(problems))
        self.problems = problems


@dataclass
class ValidationReport:
    rows: int
    positive_share: float
    null_shares: Dict[str, float] = field(default_factory=dict)


def validate_training_data(
    rows: Sequence[Mapping[str, str]],
    features: Mapping[str, str],
    label: str = "label",
    min_rows: int = 50,
    max_null_share: float = 0.05,
) -> ValidationReport:
    problems: List[str] = []
    if len(rows) < min_rows:
        problems.append(f"needs at least {min_rows} rows (got {len(rows)})")
    columns = set(rows[0].keys()) if rows else set()
    for column in [label, *features]:
        if rows and column not in columns:
            problems.append(f"column {column} is missing")
    null_shares: Dict[str, float] = {}
    positives = 0
    if rows and not problems:
        for name, kind in features.items():
            empty = sum(1 for row in rows if row[name] in ("", None))
            null_shares[name] = empty / len(rows)
            if null_shares[name] > max_null_share:
                problems.append(
                    f"column {name} is empty in {empty} of {len(rows)} rows "
                    f"(more than {max_null_share:.0%})"
                )
            if kind == "numerical":
                bad = 0
                for row in rows:
                    if row[name] in ("", None):
                        continue
                    try:
                        float(row[name])
                    except ValueError:
                        bad += 1
                if bad:
                    problems.append(f"column {name} is numerical but {bad} values are not numbers")
        labels = [row[label] for row in rows]
        invalid = sum(1 for value in labels if value not in ("0", "1"))
        if invalid:
            problems.append(f"column {label} must be 0 or 1 ({invalid} rows are not)")
        positives = sum(1 for value in labels if value == "1")
        if not invalid and positives in (0, len(rows)):
            problems.append(f"column {label} has a single class; nothing to learn")
    if problems:
        raise DataValidationError(problems)
    return ValidationReport(rows=len(rows), positive_share=positives / len(rows), null_shares=null_shares)
