"""Idempotent scoring of one date partition, and backfills over a range.

Input: ``<input>/ds=YYYY-MM-DD/*.csv`` with an ``id`` column and the model's
features. Output: ``<output>/ds=YYYY-MM-DD/scores.csv`` and a ``_SUCCESS``
marker recording the input checksum and the model version.

A partition whose marker matches the current input and model is skipped, so
a rerun or an overlapping backfill never rescores (or duplicates) finished
work; a changed input or a new model version rescores it. Output files are
written aside and renamed into place, and the marker is written last, so a
crash never leaves a partition that looks complete.
"""

import csv
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional

from .model import InvalidRowError, LogisticModel

MARKER = "_SUCCESS"


@dataclass
class PartitionResult:
    partition: date
    status: str  # scored | skipped | missing-input
    rows: int = 0


def partition_dir(root: Path, day: date) -> Path:
    return Path(root) / f"ds={day.isoformat()}"


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date must be YYYY-MM-DD (got {text!r})") from None


def day_before_schedule(scheduled_time: str) -> date:
    """The partition a scheduled run scores: the full day before it started."""
    try:
        started = datetime.fromisoformat(scheduled_time.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"scheduled time must be ISO 8601 (got {scheduled_time!r})") from None
    if started.tzinfo is not None:
        started = started.astimezone(timezone.utc)
    return started.date() - timedelta(days=1)


def _input_files(input_root: Path, day: date) -> List[Path]:
    directory = partition_dir(input_root, day)
    return sorted(directory.glob("*.csv")) if directory.is_dir() else []


def _checksum(files: List[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode("utf-8"))
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _read_marker(directory: Path) -> Optional[dict]:
    try:
        return json.loads((directory / MARKER).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(tmp, path)


def score_partition(
    day: date,
    input_root: Path,
    output_root: Path,
    model: LogisticModel,
    force: bool = False,
) -> PartitionResult:
    files = _input_files(input_root, day)
    if not files:
        return PartitionResult(day, "missing-input")
    checksum = _checksum(files)
    out_dir = partition_dir(output_root, day)
    marker = _read_marker(out_dir)
    if (
        not force
        and marker is not None
        and marker.get("inputChecksum") == checksum
        and marker.get("modelVersion") == model.version
    ):
        return PartitionResult(day, "skipped", int(marker.get("rows", 0)))

    out_dir.mkdir(parents=True, exist_ok=True)
    # Invalidate first: from here until the new marker, the partition is incomplete.
    (out_dir / MARKER).unlink(missing_ok=True)
    lines = ["id,score,model_version\r\n"]
    rows = 0
    for file in files:
        with file.open(newline="", encoding="utf-8") as handle:
            for line_number, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    score = model.score(row)
                except InvalidRowError as error:
                    raise InvalidRowError(f"{file.name} line {line_number}: {error}") from None
                lines.append(f"{row.get('id', '')},{score:.6f},{model.version}\r\n")
                rows += 1
    _write_atomically(out_dir / "scores.csv", "".join(lines))
    _write_atomically(
        out_dir / MARKER,
        json.dumps({"inputChecksum": checksum, "modelVersion": model.version, "rows": rows}),
    )
    return PartitionResult(day, "scored", rows)


def backfill(
    start: date,
    end: date,
    input_root: Path,
    output_root: Path,
    model: LogisticModel,
    force: bool = False,
) -> List[PartitionResult]:
    if end < start:
        raise ValueError(f"end ({end}) must not be before start ({start})")
    results = []
    day = start
    while day <= end:
        results.append(score_partition(day, input_root, output_root, model, force=force))
        day += timedelta(days=1)
    return results
