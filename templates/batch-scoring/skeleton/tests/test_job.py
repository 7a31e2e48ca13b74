import csv
from datetime import date
from pathlib import Path

import pytest

from batch_scoring.__main__ import main
from batch_scoring.job import MARKER, backfill, day_before_schedule, partition_dir, score_partition
from batch_scoring.metrics import read_counters
from batch_scoring.model import InvalidRowError, LogisticModel

MODEL = LogisticModel.load()
DAY = date(2026, 3, 1)


def write_partition(root: Path, day: date, rows: int = 3, value: float = 1.0) -> None:
    directory = partition_dir(root, day)
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "part-0.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", *MODEL.features])
        writer.writeheader()
        for i in range(rows):
            row = {"id": f"row-{i}"}
            row.update({name: value + i for name in MODEL.numerical})
            row.update({name: "seen" for name in MODEL.categorical})
            writer.writerow(row)


@pytest.fixture()
def roots(tmp_path):
    return tmp_path / "input", tmp_path / "output"


def test_scores_every_row_of_a_partition(roots):
    source, target = roots
    write_partition(source, DAY, rows=4)
    result = score_partition(DAY, source, target, MODEL)
    assert (result.status, result.rows) == ("scored", 4)
    lines = (partition_dir(target, DAY) / "scores.csv").read_text().splitlines()
    assert lines[0] == "id,score,model_version"
    assert [line.split(",")[0] for line in lines[1:]] == ["row-0", "row-1", "row-2", "row-3"]
    assert all(0 < float(line.split(",")[1]) < 1 for line in lines[1:])


def test_rerunning_a_complete_partition_changes_nothing(roots):
    source, target = roots
    write_partition(source, DAY)
    score_partition(DAY, source, target, MODEL)
    scores = partition_dir(target, DAY) / "scores.csv"
    before = (scores.read_bytes(), scores.stat().st_mtime_ns)
    result = score_partition(DAY, source, target, MODEL)
    assert result.status == "skipped"
    assert (scores.read_bytes(), scores.stat().st_mtime_ns) == before


def test_changed_input_or_force_rescore_the_partition(roots):
    source, target = roots
    write_partition(source, DAY, rows=2)
    score_partition(DAY, source, target, MODEL)
    write_partition(source, DAY, rows=5)
    assert score_partition(DAY, source, target, MODEL).rows == 5
    assert score_partition(DAY, source, target, MODEL, force=True).status == "scored"


def test_an_invalid_row_leaves_no_complete_looking_partition(roots):
    source, target = roots
    if not MODEL.numerical:
        pytest.skip("no numerical feature to break")
    write_partition(source, DAY)
    score_partition(DAY, source, target, MODEL)
    feature = next(iter(MODEL.numerical))  # the first one checked
    with (partition_dir(source, DAY) / "part-0.csv").open("a", encoding="utf-8") as handle:
        handle.write("bad-row" + ",not-a-number" * len(MODEL.features) + "\n")
    with pytest.raises(InvalidRowError, match=f"line 5: {feature} must be a number"):
        score_partition(DAY, source, target, MODEL)
    assert not (partition_dir(target, DAY) / MARKER).exists()


def test_backfill_scores_each_day_once_and_reports_missing_input(roots):
    source, target = roots
    for day in (date(2026, 3, 1), date(2026, 3, 3)):
        write_partition(source, day)
    first = backfill(date(2026, 3, 1), date(2026, 3, 3), source, target, MODEL)
    assert [r.status for r in first] == ["scored", "missing-input", "scored"]
    again = backfill(date(2026, 3, 1), date(2026, 3, 3), source, target, MODEL)
    assert [r.status for r in again] == ["skipped", "missing-input", "skipped"]
    with pytest.raises(ValueError, match="must not be before start"):
        backfill(date(2026, 3, 3), date(2026, 3, 1), source, target, MODEL)


def test_a_scheduled_run_scores_the_previous_day():
    assert day_before_schedule("2026-03-02T03:00:00Z") == date(2026, 3, 1)
    with pytest.raises(ValueError, match="ISO 8601"):
        day_before_schedule("yesterday")


def test_command_line_counts_outcomes_for_the_slo(roots, tmp_path, capsys):
    source, target = roots
    metrics = tmp_path / "metrics" / "batch_scoring.prom"
    write_partition(source, DAY)
    common = ["--input", str(source), "--output", str(target), "--metrics-file", str(metrics)]
    assert main([*common, "run", "--date", "2026-03-01"]) == 0
    assert main([*common, "run", "--scheduled-time", "2026-03-02T03:00:00Z"]) == 0
    assert main([*common, "run", "--date", "2026-03-09"]) == 1
    assert main([*common, "run", "--date", "March 1st"]) == 1
    assert read_counters(metrics, MODEL.name) == {"success": 1, "skipped": 1, "failed": 2}
    assert "date must be YYYY-MM-DD" in capsys.readouterr().err
    text = metrics.read_text()
    assert f'batch_scoring_partitions_total{{model="{MODEL.name}",status="success"}} 1' in text
