"""`fsp-allocator allocate TEAM.xlsx --out RESULT.xlsx [--json RESULT.json] [--alternatives]`.

Exit status (the spec): 0 when a result was written, even with unallocated children; 2 when
the input fails validation (every problem listed on stderr, nothing written); 1 otherwise.
Progress goes to stderr, a short summary to stdout.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.cli.arguments import positive_seconds, week_date
from fsp_allocator.cli.errors import UserError
from fsp_allocator.domain import TeamData
from solver import Solution, SolverConfig

if TYPE_CHECKING:
    from fsp_allocator.result.files import Lists

INVALID_INPUT = 2


def register(subparsers: Any) -> None:
    """Add the `allocate` command."""
    parser = subparsers.add_parser(
        "allocate",
        help="propose this week's allocation and write the result workbook",
        description="Propose who leads each new case this week, with the reasons, and write "
        "the result workbook (and optionally JSON).",
    )
    parser.add_argument("team", type=Path, metavar="TEAM.xlsx", help="the team workbook")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="RESULT.xlsx",
        help="the result workbook to write: allocations with reasons, workload, unallocated",
    )
    parser.add_argument("--json", type=Path, metavar="RESULT.json", help="also write JSON")
    parser.add_argument(
        "--time-limit",
        type=positive_seconds,
        default=SolverConfig().time_limit_seconds,
        metavar="S",
        help="seconds of search per team (default %(default)s)",
    )
    parser.add_argument(
        "--week",
        type=week_date,
        metavar="YYYY-MM-DD",
        help="the allocation date (default: Settings)",
    )
    parser.add_argument(
        "--overflow",
        action="store_true",
        help="let a family no one in its team can take go to another team's worker "
        "(as the Settings key overflow = yes)",
    )
    parser.add_argument(
        "--alternatives",
        action="store_true",
        help="also list, per family, every worker of its team ranked by what taking it "
        "would cost, and those who cannot with the rule (JSON key `alternatives`, sheet "
        "Alternatives)",
    )
    parser.set_defaults(handler=run)


MAX_NAMES_LISTED = 8


def _over_capacity_line(names: list[str]) -> str:
    """Name a few over-capacity workers; for a county, a count and where to look."""
    if not names:
        return "Workers over capacity: none."
    if len(names) <= MAX_NAMES_LISTED:
        return f"Workers over capacity: {', '.join(names)}."
    return f"Workers over capacity: {len(names)} (see the Workload sheet of the result)."


def summary_lines(proposal: AllocationProposal, data: TeamData | None = None) -> list[str]:
    """The few lines printed to stdout after a run; with `data`, the shortfall when capacity
    ran out (`allocation.shortfall`, the same lines as the app's review)."""
    over = [
        w.name
        for w in proposal.workload
        if not w.role.is_adult_practitioner and w.capacity > 0 and w.ratio_after > 1.0
    ]
    overflowed = sum(a.overflow for a in proposal.allocations)
    return [
        f"Week {proposal.week.isoformat()}: {proposal.status}.",
        f"Allocated {len(proposal.allocations)} new children"
        + (f" ({overflowed} to a worker of another team)" if overflowed else "")
        + f"; {len(proposal.unallocated)} unallocated.",
        _over_capacity_line(over),
        f"Warnings: {len(proposal.warnings)}.",
        *_shortfall_lines(proposal, data),
    ]


def _shortfall_lines(proposal: AllocationProposal, data: TeamData | None) -> list[str]:
    from fsp_allocator.allocation.shortfall import shortfall, shortfall_lines

    found = shortfall(data, proposal) if data is not None else None
    return shortfall_lines(found) if found is not None else []


def with_overflow(data: TeamData, overflow: bool) -> TeamData:
    """The data with overflow between teams switched on when `--overflow` was given."""
    if not overflow or data.settings.overflow:
        return data
    return replace(data, settings=replace(data.settings, overflow=True))


def run(args: argparse.Namespace) -> int:
    """Read, check, propose and write; see the module docstring for the exit status."""
    from fsp_allocator.allocation.service import propose
    from fsp_allocator.workbook.reader import read_team

    if not args.team.exists():
        raise UserError(f"{args.team} does not exist.")
    result = read_team(args.team, week=args.week)
    for problem in result.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    if not result.ok or result.data is None:
        for problem in result.errors:
            print(f"error: {problem}", file=sys.stderr)
        print(
            f"{len(result.errors)} problem(s) in {args.team.name}; nothing was written.",
            file=sys.stderr,
        )
        return INVALID_INPUT

    def team_done(team: str, solution: Solution) -> None:
        print(f"{team}: {solution.status.value} in {solution.solve_seconds:.2f} s", file=sys.stderr)

    config = SolverConfig(time_limit_seconds=args.time_limit)
    data = with_overflow(result.data, args.overflow)
    proposal = propose(data, config, on_team_done=team_done)
    lists = None
    if args.alternatives:
        from fsp_allocator.allocation.alternatives import every_family

        lists = every_family(data, proposal)
    written = write_results(proposal, args.out, args.json, lists)
    for line in summary_lines(proposal, data):
        print(line)
    print(f"Written: {', '.join(str(path) for path in written)}")
    return 0


def write_results(
    proposal: AllocationProposal,
    excel: Path | None,
    json: Path | None,
    alternatives: Lists | None = None,
) -> list[Path]:
    """Write the result workbook and/or JSON asked for (both or neither), with each family's
    ranked `alternatives` when given; a failure is one sentence."""
    from fsp_allocator.result.files import write_result_files
    from fsp_allocator.safe_write import disk_message

    if excel is not None and json is not None and excel.resolve() == json.resolve():
        raise UserError("--out and --json name the same file; give two different names.")
    try:
        return write_result_files(proposal, excel, json, alternatives)
    except OSError as exc:
        raise UserError(
            f"could not write the result: {disk_message(exc)}. No result file was written "
            "or changed."
        ) from None
