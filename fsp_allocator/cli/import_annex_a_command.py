"""`fsp-allocator import-annex-a ANNEX_A.xlsx --team TEAM --out TEAM.xlsx` and its workspace form.

Reads the Ofsted Annex A lists (spec/annex_a.md) into a team workbook, or with
`fsp-allocator workspace import-annex-a` straight into the workspace (with `--dry-run` and
`--yes` as `workspace import` has). Prints what it took, what it left and why; any error
lists every problem by sheet, row and column, exits 2 and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fsp_allocator.cli.arguments import week_date
from fsp_allocator.cli.errors import UserError

INVALID_INPUT = 2


def _common(parser: Any) -> None:
    parser.add_argument(
        "annex_a",
        type=Path,
        metavar="ANNEX_A.xlsx",
        help="the Annex A workbook exported from the case system",
    )
    parser.add_argument(
        "--team",
        required=True,
        metavar="TEAM",
        help="the Allocated Team to take (matched ignoring case and spaces); ALL takes every team",
    )
    parser.add_argument(
        "--roster",
        type=Path,
        metavar="ROSTER.xlsx",
        help="a Workers sheet (team workbook columns) whose names match the Allocated Worker "
        "names; without it every worker is made a social worker at FTE 1",
    )
    parser.add_argument(
        "--families",
        type=Path,
        metavar="FAMILIES.csv",
        help="a CSV of child_id,family_id; without it every child is its own family",
    )
    parser.add_argument(
        "--week", type=week_date, metavar="YYYY-MM-DD", help="the allocation date (default: today)"
    )


def register(subparsers: Any) -> None:
    """Add the top-level `import-annex-a` command (writes a team workbook)."""
    parser = subparsers.add_parser(
        "import-annex-a",
        help="turn an Ofsted Annex A export into a team workbook",
        description="Read the Ofsted Annex A lists (List 6 children in need, List 7 child "
        "protection, List 8 looked after, List 3 referrals) for one team and write a team "
        "workbook. Personal columns (gender, ethnicity, date of birth, age, disability) are "
        "never read.",
    )
    _common(parser)
    parser.add_argument(
        "--out", type=Path, required=True, metavar="TEAM.xlsx", help="the team workbook to write"
    )
    parser.set_defaults(handler=run)


def register_workspace(commands: Any) -> None:
    """Add `workspace import-annex-a` (imports into the workspace)."""
    from fsp_allocator.cli.workspace_import import add_import_options

    parser = commands.add_parser(
        "import-annex-a",
        help="import an Ofsted Annex A export into the workspace (prints what it took)",
        description="Read the Ofsted Annex A lists for one team and import them into the "
        "workspace, as `workspace import` does with a team workbook.",
    )
    _common(parser)
    add_import_options(parser)
    parser.set_defaults(handler=run_workspace)


def _read(args: argparse.Namespace) -> Any:
    """The Annex A result, its problems and summary printed; None when invalid (exit 2)."""
    from fsp_allocator.annex_a import read_annex_a

    if not args.annex_a.is_file():
        raise UserError(f"{args.annex_a} does not exist.")
    result = read_annex_a(
        args.annex_a, team=args.team, roster=args.roster, families=args.families, week=args.week
    )
    for problem in result.problems:
        print(f"{problem.severity.value}: {problem}", file=sys.stderr)
    if not result.ok or result.data is None:
        print(
            f"{args.annex_a.name} was not imported: {len(result.errors)} problem(s) to fix; "
            "nothing was written.",
            file=sys.stderr,
        )
        return None
    assert result.summary is not None
    for line in result.summary.lines():
        print(line)
    return result


def run(args: argparse.Namespace) -> int:
    """Write the team workbook read from Annex A."""
    from fsp_allocator.workbook.writer import write_team

    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"{out} should end in .xlsx", INVALID_INPUT)
    if out.resolve() == args.annex_a.resolve():
        raise UserError(
            "--out names the Annex A workbook itself; give a new file name", INVALID_INPUT
        )
    result = _read(args)
    if result is None:
        return INVALID_INPUT
    try:
        write_team(result.data, out)
    except PermissionError:
        raise UserError(f"{out} could not be written: is it open in Excel?") from None
    print(
        f"Written: {out} ({len(result.data.workers)} workers, {len(result.data.children)} "
        "children). Check it with `fsp-allocator validate`."
    )
    return 0


def run_workspace(args: argparse.Namespace) -> int:
    """Import the Annex A team into the workspace (or preview it with --dry-run)."""
    from fsp_allocator.cli.workspace_import import import_into_workspace

    result = _read(args)
    if result is None:
        return INVALID_INPUT
    return import_into_workspace(args, result.data, args.annex_a.name)
