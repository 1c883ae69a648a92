"""`fsp-allocator workspace rebalance` and the rebalance side of `workspace accept`.

`rebalance [--release W[,W...]] [--max-moves N] [--time-limit S] [--out X.xlsx] [--json
X.json]` keeps a pending rebalance and prints a short summary; a bad --release or
--max-moves is exit 2 naming the argument, with nothing stored (the checks are the
`rebalance` command's). `accept` applies the pending rebalance when it is the newer of
what is pending (`pending_choice`), with --override F=W / --reason F=text as for the week;
accepting either drops the other, which was made on caseloads that no longer hold.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fsp_allocator.cli.arguments import positive_seconds
from fsp_allocator.cli.errors import UserError
from fsp_allocator.cli.rebalance_command import (
    DEFAULT_TIME_LIMIT,
    INVALID_INPUT,
    STAGE_WORK_LIMIT,
    add_rebalance_options,
    canonical_ids,
    frontier_lines,
    release_problems,
    released_ids,
    write_rebalance,
)
from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.workspace import ChoiceRefused, Workspace


def add_rebalance_command(add: Any, team_option: Any) -> None:
    """Add `workspace rebalance` (`add` is the subparsers' add_parser)."""
    from pathlib import Path

    reb = add(
        "rebalance",
        help="re-home released or departed workers' families and keep the plan pending",
        description="Re-home every family a released or departed worker leads (and up to N "
        "more per team to relieve overload), keep the plan pending, and print the frontier. "
        "The workspace keeps no release column: name releases with --release.",
    )
    add_rebalance_options(reb)
    reb.add_argument(
        "--time-limit",
        type=positive_seconds,
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help="seconds of search per team for its whole frontier (default %(default)s)",
    )
    reb.add_argument("--out", type=Path, metavar="RESULT.xlsx", help="also write the workbook")
    reb.add_argument("--json", type=Path, metavar="RESULT.json", help="also write JSON")
    team_option(reb)
    reb.set_defaults(handler=run_workspace_rebalance)


def summary_lines(result: RebalanceResult) -> list[str]:
    """Moves, unplaced and the frontier, as the manager reads them."""
    forced = sum(1 for m in result.moves if m.forced)
    lines = [
        f"Week {result.week.isoformat()}: {result.status}.",
        f"Re-homed {forced} children; moved {len(result.moves) - forced} to relieve overload; "
        f"{len(result.unplaced)} unplaced.",
    ]
    lines += frontier_lines(result)
    if result.warnings:
        lines.append(f"Warnings: {len(result.warnings)}.")
    return lines


def run_workspace_rebalance(args: argparse.Namespace) -> int:
    """Check the arguments, rebalance the scope, keep the plan pending, print the summary."""
    from fsp_allocator.cli.workspace_command import opened
    from fsp_allocator.workspace.rebalancing import propose_rebalance
    from solver import SolverConfig

    config = SolverConfig(
        time_limit_seconds=args.time_limit, deterministic_time_limit=STAGE_WORK_LIMIT
    )
    with opened(args) as workspace:
        data = workspace.load()
        release = released_ids(args)
        problems = release_problems(data, release)
        if problems:
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            print("Nothing was stored.", file=sys.stderr)
            return INVALID_INPUT
        run = propose_rebalance(
            workspace,
            canonical_ids(data, release),
            args.max_moves,
            config,
            before_storing=lambda r: write_rebalance(r, args.out, args.json),
        )
    result = run.result()
    for line in summary_lines(result):
        print(line)
    if result.cancelled:
        print("Stopped before the end; nothing was stored.")
    elif not result.moves and not result.unplaced:
        print("Nothing to move: no rebalance is pending.")
    else:
        print("Pending: review it, then `fsp-allocator workspace accept`.")
    return 0


def pending_choice(workspace: Workspace) -> str | None:
    """What `accept` applies: 'rebalance' or 'proposal', the one stored last; None."""
    order = workspace.pending_order()
    return order[-1] if order else None


def accept_rebalance_command(args: argparse.Namespace, workspace: Workspace) -> int:
    """Apply the pending rebalance with --override/--reason; prints what was done."""
    from fsp_allocator.workspace.rebalancing import accept_pending_rebalance

    try:
        done = accept_pending_rebalance(
            workspace, list(args.override), list(args.reason), args.user
        )
    except ChoiceRefused as refused:  # a hard rule: exit 2, listed
        for problem in refused.refusals:
            print(f"refused: {problem}.", file=sys.stderr)
        print("Nothing was accepted; nothing changed.", file=sys.stderr)
        return INVALID_INPUT
    for warning in done.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Accepted the pending rebalance: {done.moved} children moved.")
    if done.dropped_proposal:
        print(
            "The weekly proposal, stored before the rebalance, was dropped: the caseloads "
            "have changed, so propose again (`fsp-allocator workspace propose`)."
        )
    if done.backup_path is not None:
        print(f"Backup taken first: {done.backup_path}")
    return 0


def dropped_rebalance_note(before: tuple[str, ...]) -> str | None:
    """After a weekly accept: the sentence saying a pending rebalance was dropped, if one was."""
    if "rebalance" not in before:
        return None
    return (
        "The pending rebalance, stored before the weekly proposal, was dropped: the "
        "caseloads have changed, so rebalance again (`fsp-allocator workspace rebalance`)."
    )


def refuse_repropose(args: argparse.Namespace) -> None:
    """`--repropose` is for the weekly proposal; refused for a rebalance, in one line."""
    if getattr(args, "repropose", False):
        raise UserError(
            "--repropose applies to the weekly proposal; the pending rebalance is accepted "
            "as planned or refused whole. Nothing was accepted."
        )
