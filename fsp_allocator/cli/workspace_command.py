"""`fsp-allocator workspace [--db URL_OR_PATH] COMMAND`: the weekly cycle on the workspace.

import TEAM.xlsx | propose | accept | history | export | backup | check | set-manager NAME.
Errors are one clear line (exit 1); an invalid workbook lists every problem (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fsp_allocator.cli.arguments import positive_seconds
from fsp_allocator.cli.errors import UserError
from fsp_allocator.workbook.problems import WorkbookInvalid
from fsp_allocator.workspace import Workspace, WorkspaceError, open_workspace

INVALID_INPUT = 2


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not in the form ID=VALUE")
    return key.strip(), value.strip()


def register(subparsers: Any) -> None:
    """Add the `workspace` command and its subcommands."""
    parser = subparsers.add_parser(
        "workspace",
        help="the team's workspace: import, propose, accept, history, export, backup, check",
        description="Work on the team's workspace: the roster, open cases and every decision.",
    )
    parser.add_argument(
        "--db", metavar="URL_OR_PATH", help="a workspace file or postgresql+psycopg:// URL"
    )
    commands = parser.add_subparsers(dest="workspace_command", metavar="COMMAND", required=True)
    add = commands.add_parser
    imp = add("import", help="import a team workbook (prints what changed)")
    imp.add_argument(
        "team", type=Path, metavar="TEAM.xlsx", help="the team workbook (or a folder of CSVs)"
    )
    imp.set_defaults(handler=run_import)
    pro = add("propose", help="propose this week's allocation and keep it pending")
    pro.add_argument(
        "--out", type=Path, metavar="RESULT.xlsx", help="also write the allocation sheet"
    )
    pro.add_argument("--json", type=Path, metavar="RESULT.json", help="also write JSON")
    pro.add_argument("--time-limit", type=positive_seconds, metavar="S", help="seconds per team")
    pro.add_argument(
        "--overflow", action="store_true",
        help="let a family no one in its team can take go to another team (Settings: overflow)",
    )  # fmt: skip
    pro.set_defaults(handler=run_propose)
    acc = add("accept", help="accept the pending proposal, with any overrides")
    acc.add_argument(
        "--override", type=_pair, action="append", default=[], metavar="ID=WORKER",
        help="give a new family (or one child) to another worker; WORKER 'none' leaves it "
        "unallocated; repeatable",
    )  # fmt: skip
    acc.add_argument(
        "--reason", type=_pair, action="append", default=[], metavar="FAMILY=TEXT",
        help="why you changed the proposal for FAMILY (required for every override)",
    )  # fmt: skip
    acc.add_argument("--as", dest="user", metavar="NAME", help="the manager deciding")
    acc.set_defaults(handler=run_accept)
    his = add("history", help="decisions and workload history (or the audit log)")
    his.add_argument("--worker", metavar="W", help="only this worker id")
    his.add_argument("--team", metavar="T", help="only this team")
    his.add_argument("--audit", action="store_true", help="show the audit log instead")
    his.set_defaults(handler=run_history)
    exp = add("export", help="write the current state as a team workbook")
    exp.add_argument(
        "--out", type=Path, required=True, metavar="TEAM.xlsx", help="the workbook to write"
    )
    exp.set_defaults(handler=run_export)
    add("backup", help="back up the workspace now").set_defaults(handler=run_backup)
    add("check", help="check the workspace's integrity").set_defaults(handler=run_check)
    man = add("set-manager", help="set the manager name written on decisions")
    man.add_argument("name", help='e.g. "Jo Smith (TM, FSP Banbury)"')
    man.set_defaults(handler=run_set_manager)
    from fsp_allocator.cli.service_command import register_workspace

    register_workspace(commands)


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace named by --db (else the default), closed afterwards; errors in one line."""
    try:
        workspace = open_workspace(args.db)
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    try:
        yield workspace
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()


def run_import(args: argparse.Namespace) -> int:
    """Import a workbook and print the diff; exit 2 listing every problem if it is invalid."""
    from fsp_allocator.workspace.cycle import import_workbook

    if not args.team.exists():
        raise UserError(f"{args.team} does not exist.")
    with opened(args) as workspace:
        try:
            outcome = import_workbook(workspace, args.team)
        except WorkbookInvalid as invalid:
            for problem in invalid.problems:
                print(f"{problem.severity.value}: {problem}", file=sys.stderr)
            print(f"{args.team.name} was not imported; nothing changed.", file=sys.stderr)
            return INVALID_INPUT
        for problem in outcome.reading.warnings:
            print(f"warning: {problem}", file=sys.stderr)
        print(outcome.diff.summary())
    return 0


def run_propose(args: argparse.Namespace) -> int:
    """Propose, keep the proposal pending, print a summary and write any result files."""
    from fsp_allocator.cli.allocate_command import summary_lines, write_results
    from fsp_allocator.workspace.cycle import propose_pending
    from solver import SolverConfig

    config = SolverConfig(time_limit_seconds=args.time_limit) if args.time_limit else None
    with opened(args) as workspace:
        proposal = propose_pending(workspace, config, overflow=args.overflow)
    write_results(proposal, args.out, args.json)
    for line in summary_lines(proposal):
        print(line)
    print("Pending: review it, then `fsp-allocator workspace accept`.")
    return 0


def run_accept(args: argparse.Namespace) -> int:
    """Accept the pending proposal; each override needs a reason for its family."""
    from fsp_allocator.workspace.cycle import accept_pending

    with opened(args) as workspace:
        result = accept_pending(workspace, dict(args.override), dict(args.reason), args.user)
    print(f"Accepted: {result.allocated} children allocated, {result.left_unallocated} left.")
    if result.backup_path is not None:
        print(f"Backup taken first: {result.backup_path}")
    return 0


def run_history(args: argparse.Namespace) -> int:
    """Print decisions and load history (or the audit log), oldest first."""
    with opened(args) as workspace:
        if args.audit:
            for entry in workspace.audit(entity_id=args.worker):
                change = f" {entry.field}: {entry.old} -> {entry.new}" if entry.field else ""
                print(
                    f"{entry.at:%Y-%m-%d %H:%M} {entry.user}: {entry.action} {entry.entity} "
                    f"{entry.entity_id}{change}"
                )
            return 0
        for d in workspace.decisions(team=args.team, worker_id=args.worker):
            note = f" (changed from {d.proposed_worker_id}: {d.manager_reason})" if (
                d.worker_id != d.proposed_worker_id
            ) else ""  # fmt: skip
            print(f"{d.week} {d.family_id}/{d.child_id} -> {d.worker_id or 'unallocated'}"
                  f" by {d.decided_by}{note}")  # fmt: skip
        for s in workspace.workload_history(worker_id=args.worker, team=args.team):
            print(
                f"{s.week} {s.worker_id} ({s.team}): load {s.load:g} of {s.capacity:g}, "
                f"court {s.court}, children {s.children}"
            )
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the workspace's current state as a team workbook (atomically)."""
    with opened(args) as workspace:
        try:
            workspace.export_team(args.out)
        except OSError as exc:
            raise UserError(f"could not write {args.out} ({exc.strerror or exc}).") from None
    print(f"Written: {args.out}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """Back up the workspace now."""
    with opened(args) as workspace:
        print(f"Backup written: {workspace.backup()}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Check the workspace; exit 1 listing the problems, if any."""
    with opened(args) as workspace:
        problems = workspace.check()
        where = workspace.location
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(f"{where}: {'healthy' if not problems else f'{len(problems)} problem(s)'}.")
    return 1 if problems else 0


def run_set_manager(args: argparse.Namespace) -> int:
    """Set the manager name written on decisions and audit rows."""
    with opened(args) as workspace:
        workspace.set_manager_name(args.name)
        print(f"Decisions will be recorded as made by {workspace.user_name}.")
    return 0
