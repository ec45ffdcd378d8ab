"""``tactful feedback export``: the stored feedback as a golden-case file for the eval suite."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.feedback._export import export_feedback
from service.settings import get_settings


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tactful feedback", description="agent feedback")
    sub = p.add_subparsers(dest="action", required=True)
    export = sub.add_parser("export", help="export feedback as golden-case YAML")
    export.add_argument("--out", type=Path, default=None, help="output file (default: stdout)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    summary = export_feedback(get_settings(), args.out)
    print(summary.describe(), file=sys.stderr)
    return 0
