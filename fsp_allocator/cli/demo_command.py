"""`fsp-allocator demo --out team.xlsx [--teams N] [--seed S] [--week YYYY-MM-DD] [--csv]`.

Writes a realistic, plainly invented team workbook (one team, or 17 for a county) that
the other commands and the app can read straight away: a safe way to try the tool.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from fsp_allocator.cli.arguments import week_date
from fsp_allocator.cli.errors import UserError
from fsp_allocator.demo import COUNTY_TEAMS, generate
from fsp_allocator.workbook.writer import write_team, write_team_csv

MAX_TEAMS = 1000


def register(subparsers: Any) -> None:
    """Add the `demo` parser."""
    parser = subparsers.add_parser(
        "demo",
        help="write a realistic demo team workbook",
        description="Write a demo team workbook of invented workers and children (ids only). "
        f"The same --seed always gives the same workbook. --teams {COUNTY_TEAMS} makes a county.",
    )
    parser.add_argument("--out", type=Path, help="the workbook (.xlsx) to write")
    parser.add_argument(
        "--annex-a",
        type=Path,
        metavar="OUT.xlsx",
        help="instead, write an invented Ofsted Annex A export (with its roster and families "
        "files beside it) to try `import-annex-a` on",
    )
    parser.add_argument("--teams", type=_teams, default=1, help="how many teams (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument(
        "--week",
        type=week_date,
        default=None,
        help="the allocation date YYYY-MM-DD (default: this week's Monday)",
    )
    parser.add_argument(
        "--csv",
        action="store_true",
        help="write Workers.csv, Cases.csv and Settings.csv into the folder --out instead",
    )
    parser.set_defaults(handler=run)


def _teams(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= number <= MAX_TEAMS:
        raise argparse.ArgumentTypeError(f"give between 1 and {MAX_TEAMS} teams")
    return number


def run(args: argparse.Namespace) -> int:
    """Generate the demo and write it; prints one line saying what was written."""
    if (args.out is None) == (args.annex_a is None):
        raise UserError("give --out TEAM.xlsx (a team workbook) or --annex-a OUT.xlsx", 2)
    if args.annex_a is not None:
        return _write_annex_a(args)
    out: Path = args.out
    if args.csv and out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; with --csv give a folder to write the CSV files in")
    if not args.csv and out.is_dir():
        raise UserError(f"{out} is a folder; give the name of the .xlsx workbook to write")
    if not args.csv and out.suffix.lower() != ".xlsx":
        raise UserError(f"{out} should end in .xlsx (or add --csv to write CSV files)")
    data = generate(teams=args.teams, seed=args.seed, week=args.week)
    try:
        if args.csv:
            write_team_csv(data, out)
        else:
            write_team(data, out)
    except PermissionError:
        raise UserError(f"{out} could not be written: is it open in Excel?") from None
    teams = len(data.teams())
    print(
        f"Wrote {out}: {teams} team{'s' if teams != 1 else ''}, {len(data.workers)} workers, "
        f"{len(data.open_children())} open cases and {len(data.new_children())} new children "
        f"to allocate for the week of {data.settings.week.isoformat()}."
    )
    return 0


def _write_annex_a(args: argparse.Namespace) -> int:
    """Write the invented Annex A workbook, its roster and its families file."""
    from fsp_allocator.demo.annex_a import write_annex_a
    from fsp_allocator.demo.generator import monday_of

    out: Path = args.annex_a
    if out.suffix.lower() != ".xlsx" or out.is_dir():
        raise UserError(f"{out} should be the name of an .xlsx workbook to write", 2)
    week = args.week or monday_of(date.today())
    teams = min(args.teams if args.teams > 1 else 3, 17)
    try:
        roster, families, demo = write_annex_a(out, week, teams=teams, seed=args.seed)
    except PermissionError:
        raise UserError(f"{out} could not be written: is it open in Excel?") from None
    print(
        f"Wrote {out}: an invented Annex A export of {len(demo.teams)} teams "
        f"({', '.join(demo.teams)}), with its roster {roster.name} and families "
        f'{families.name}. Try: fsp-allocator import-annex-a {out} --team "{demo.teams[0]}" '
        f"--roster {roster} --families {families} --out team.xlsx"
    )
    return 0
