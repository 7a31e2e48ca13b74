"""Command line: ``run`` one partition, or ``backfill`` a range of them."""

import argparse
import os
import sys
from pathlib import Path

from .job import backfill, day_before_schedule, parse_day, score_partition
from .metrics import record_outcome
from .model import DEFAULT_WEIGHTS_PATH, LogisticModel


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m batch_scoring")
    parser.add_argument("--input", type=Path, default=Path(os.environ.get("SCORING_INPUT", "data/input")))
    parser.add_argument("--output", type=Path, default=Path(os.environ.get("SCORING_OUTPUT", "data/output")))
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_PATH)
    parser.add_argument("--metrics-file", type=Path, default=os.environ.get("SCORING_METRICS_FILE"))
    parser.add_argument("--force", action="store_true", help="rescore complete partitions too")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="score one partition")
    when = run.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", help="the partition, YYYY-MM-DD")
    when.add_argument("--scheduled-time", help="a schedule's start time; scores the day before")
    fill = commands.add_parser("backfill", help="score every partition in a date range")
    fill.add_argument("--start", required=True)
    fill.add_argument("--end", required=True)
    args = parser.parse_args(argv)

    model = LogisticModel.load(args.weights)
    try:
        if args.command == "run":
            day = parse_day(args.date) if args.date else day_before_schedule(args.scheduled_time)
            results = [score_partition(day, args.input, args.output, model, force=args.force)]
        else:
            results = backfill(parse_day(args.start), parse_day(args.end), args.input, args.output,
                               model, force=args.force)
    except ValueError as error:
        if args.metrics_file:
            record_outcome(args.metrics_file, model.name, "failed")
        print(f"error: {error}", file=sys.stderr)
        return 1
    failed = False
    for result in results:
        print(f"{result.partition.isoformat()} {result.status} {result.rows}")
        if result.status == "missing-input":
            failed = True
        if args.metrics_file:
            status = {"scored": "success", "skipped": "skipped"}.get(result.status, "failed")
            record_outcome(args.metrics_file, model.name, status)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
