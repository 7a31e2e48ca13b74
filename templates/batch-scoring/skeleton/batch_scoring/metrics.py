"""Partition outcome counters for the node_exporter textfile collector.

The job runs and exits, so it cannot be scraped; it keeps cumulative
counters in a ``.prom`` file that node_exporter's textfile collector exposes.
``batch_scoring_partitions_total{model, status}`` is what the success-ratio
SLO in ``catalog-info.yaml`` and ``slo/openslo.yaml`` counts.
"""

import os
import re
import tempfile
from pathlib import Path
from typing import Dict

PARTITIONS_TOTAL = "batch_scoring_partitions_total"
STATUSES = ("success", "failed", "skipped")
_LINE = re.compile(r'^' + PARTITIONS_TOTAL + r'\{model="([^"]*)",status="([a-z]+)"\} (\d+)$')


def read_counters(path: Path, model: str) -> Dict[str, int]:
    counters = {status: 0 for status in STATUSES}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _LINE.match(line)
            if match and match.group(1) == model and match.group(2) in counters:
                counters[match.group(2)] = int(match.group(3))
    return counters


def record_outcome(path: Path, model: str, status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)} (got {status!r})")
    counters = read_counters(path, model)
    counters[status] += 1
    lines = [
        f"# HELP {PARTITIONS_TOTAL} Partitions processed by the batch scoring job, by outcome.",
        f"# TYPE {PARTITIONS_TOTAL} counter",
        *(f'{PARTITIONS_TOTAL}{{model="{model}",status="{s}"}} {counters[s]}' for s in STATUSES),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    # The collector may read at any moment: write aside, then rename.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(tmp, path)
