"""`fsp-allocator validate TEAM.xlsx [--json] [--week YYYY-MM-DD]`: check a workbook, report loads.

Exit status: 0 when the workbook is valid (warnings allowed), 2 when it has errors (every
problem is still listed), 1 for anything else (e.g. the file does not exist).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fsp_allocator.cli.arguments import week_date
from fsp_allocator.cli.errors import UserError
from fsp_allocator.validation_report import build_report, render_text, report_as_dict
from fsp_allocator.workbook.reader import read_team

EXIT_VALID = 0
EXIT_INVALID = 2


def register(subparsers: Any) -> None:
    """Add the `validate` parser."""
    parser = subparsers.add_parser(
        "validate",
        help="check a team workbook and report every worker's load",
        description="Check a team workbook (.xlsx, or a folder of Workers.csv, Cases.csv and "
        "Settings.csv) and report each team's loads, this week's intake and every problem. "
        "Exit status 0 when valid, 2 when the workbook has errors, 1 otherwise.",
    )
    parser.add_argument("workbook", type=Path, help="the team workbook (.xlsx) or CSV folder")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--week",
        type=week_date,
        default=None,
        help="the allocation date YYYY-MM-DD (default: the Settings sheet's week, else today)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate the workbook and print the report; returns the exit status."""
    path: Path = args.workbook
    if not path.exists():
        raise UserError(f"{path} does not exist; give the path of the team workbook")
    result = read_team(path, week=args.week)
    report = build_report(result, path)
    if args.json:
        print(json.dumps(report_as_dict(report), indent=2, ensure_ascii=False))
    else:
        print(render_text(report))
    return EXIT_VALID if report.valid else EXIT_INVALID
