"""`fsp-allocator rebalance TEAM.xlsx --out RESULT.xlsx [--json RESULT.json] [--max-moves N]
[--release W[,W...]] [--time-limit S] [--week YYYY-MM-DD]`.

Exit status as for `allocate`: 0 when a result was written (even with unplaced families),
2 for invalid input or a bad `--release` / `--max-moves` (every problem listed, the argument
named, nothing written), 1 otherwise. Progress goes to stderr, the frontier to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fsp_allocator.cli.arguments import positive_seconds, week_date
from fsp_allocator.cli.errors import UserError
from fsp_allocator.domain import TeamData, WorkerId

INVALID_INPUT = 2
MAX_MOVES_LIMIT = 100
DEFAULT_TIME_LIMIT = 30.0  # seconds per team for its whole frontier
STAGE_WORK_LIMIT = 5.0  # CP-SAT deterministic seconds per aim: a stopped aim stops alike


def max_moves(text: str) -> int:
    """A whole number of voluntary moves per team, 0 to MAX_MOVES_LIMIT."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value <= MAX_MOVES_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_MOVES_LIMIT}, not {value}")
    return value


def worker_list(text: str) -> tuple[WorkerId, ...]:
    """`W1,W2`: worker ids, commas or semicolons between them."""
    ids = [part.strip() for part in text.replace(";", ",").split(",")]
    if not all(ids):
        raise argparse.ArgumentTypeError(f"'{text}' has an empty worker id")
    return tuple(WorkerId(i) for i in ids)


def add_rebalance_options(parser: argparse.ArgumentParser) -> None:
    """--max-moves and --release, shared with `workspace rebalance`."""
    parser.add_argument(
        "--max-moves",
        type=max_moves,
        default=0,
        metavar="N",
        help="voluntary moves per team to relieve overload (default 0: forced moves only)",
    )
    parser.add_argument(
        "--release",
        type=worker_list,
        action="append",
        default=[],
        metavar="W[,W...]",
        help="also release these workers' caseloads (besides the workbook's release column)",
    )


def released_ids(args: argparse.Namespace) -> tuple[WorkerId, ...]:
    """Every id given to --release, once each, in the order given."""
    return tuple(dict.fromkeys(w for group in args.release for w in group))


def release_problems(data: TeamData, release: Sequence[WorkerId]) -> list[str]:
    """--release naming no worker of the roster (ids compared ignoring case)."""
    known = {w.worker_id.casefold() for w in data.workers}
    return [
        f"argument --release: {w} names no worker in the Workers sheet"
        for w in release
        if w.casefold() not in known
    ]


def canonical_ids(data: TeamData, release: Sequence[WorkerId]) -> tuple[WorkerId, ...]:
    """--release ids spelt as the roster spells them."""
    spelling = {w.worker_id.casefold(): w.worker_id for w in data.workers}
    return tuple(spelling[w.casefold()] for w in release)


def register(subparsers: Any) -> None:
    """Add the `rebalance` command."""
    parser = subparsers.add_parser(
        "rebalance",
        help="re-home released caseloads and relieve overload with the fewest moves",
        description="Re-home every family a released or departed worker leads, and move up "
        "to N more families per team to relieve overload, with the reasons, and write the "
        "result workbook (and optionally JSON) with the frontier: the best balance for "
        "0..N moves.",
    )
    parser.add_argument("team", type=Path, metavar="TEAM.xlsx", help="the team workbook")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="RESULT.xlsx",
        help="the result workbook to write: the moves with reasons and the frontier",
    )
    parser.add_argument("--json", type=Path, metavar="RESULT.json", help="also write JSON")
    add_rebalance_options(parser)
    parser.add_argument(
        "--time-limit",
        type=positive_seconds,
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help="seconds of search per team for its whole frontier (default %(default)s)",
    )
    parser.add_argument(
        "--week", type=week_date, metavar="YYYY-MM-DD", help="the date (default: Settings)"
    )
    parser.set_defaults(handler=run)


def frontier_lines(result: Any) -> list[str]:
    """The frontier as the manager weighs it, one line per point."""
    lines = []
    left_anywhere = any(f.unplaced_families for f in result.frontier)
    for f in result.frontier:
        proven = "" if f.proven else " (not proven: time limit)"
        left = f", {f.unplaced_families} family(ies) not re-homed" if left_anywhere else ""
        if f.rehomed_better:  # aims 1-2 come first: this may cost balance
            left += " (released families re-homed better: more urgent, or with who knows them)"
        lines.append(
            f"{f.team}: {f.moves} voluntary move(s) allowed -> worst caseload "
            f"{f.max_load_ratio:.1%}, {f.over_capacity} above capacity{left}{proven}"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    """Read, check, rebalance and write; see the module docstring for the exit status."""
    from fsp_allocator.rebalance.service import rebalance
    from fsp_allocator.workbook.reader import read_team
    from solver import SolverConfig

    if not args.team.exists():
        raise UserError(f"{args.team} does not exist.")
    result = read_team(args.team, week=args.week)
    for problem in result.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    errors = [str(p) for p in result.errors]
    release = released_ids(args)
    if result.data is not None:
        errors += release_problems(result.data, release)
    if errors or not result.ok or result.data is None:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{len(errors)} problem(s); nothing was written.", file=sys.stderr)
        return INVALID_INPUT
    data = result.data
    config = SolverConfig(
        time_limit_seconds=args.time_limit, deterministic_time_limit=STAGE_WORK_LIMIT
    )

    def team_done(team: str, solution: Any) -> None:
        print(f"{team}: {solution.status.value} in {solution.solve_seconds:.2f} s", file=sys.stderr)

    outcome = rebalance(
        data, canonical_ids(data, release), args.max_moves, config, on_team_done=team_done
    )
    written = write_rebalance(outcome, args.out, args.json)
    forced = sum(1 for m in outcome.moves if m.forced)
    print(f"Week {outcome.week.isoformat()}: {outcome.status}.")
    print(
        f"Re-homed {forced} children; moved {len(outcome.moves) - forced} to relieve overload; "
        f"{len(outcome.unplaced)} unplaced."
    )
    for line in frontier_lines(outcome):
        print(line)
    print(f"Warnings: {len(outcome.warnings)}.")
    print(f"Written: {', '.join(str(path) for path in written)}")
    return 0


def write_rebalance(result: Any, excel: Path | None, json: Path | None) -> list[Path]:
    """Write the workbook and/or JSON asked for; a failure is one sentence."""
    from fsp_allocator.result.rebalance_excel import write_rebalance_excel
    from fsp_allocator.result.rebalance_json import write_rebalance_json

    written = []
    try:
        if excel is not None:
            write_rebalance_excel(result, excel)
            written.append(excel)
        if json is not None:
            write_rebalance_json(result, json)
            written.append(json)
    except OSError as exc:
        raise UserError(f"could not write the result ({exc.strerror or exc}).") from None
    return written
