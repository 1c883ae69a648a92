"""`fsp-allocator workspace [--db URL_OR_PATH] COMMAND`: the weekly cycle on the workspace.

import TEAM.xlsx | propose | rebalance (`workspace_rebalance.py`) | accept | history | export |
backup | check | set-manager NAME | admin add-manager|list|remove (`workspace_admin.py`).
`--team T` acts on one team.
Errors are one clear line (exit 1); an invalid workbook lists every problem (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fsp_allocator.cli.arguments import positive_seconds
from fsp_allocator.cli.errors import UserError
from fsp_allocator.cli.workspace_import import add_import_options, import_into_workspace
from fsp_allocator.workspace import ChoiceRefused, Workspace, WorkspaceError, open_workspace
from fsp_allocator.workspace.errors import StaleProposal

INVALID_INPUT = 2


def _override(text: str) -> str:
    """An `ID=VALUE` text, kept whole: the id may itself hold `=` (see `split_overrides`)."""
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"'{text}' is not in the form ID=VALUE")
    return text


def _week(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-30") from None


def register(subparsers: Any) -> None:
    """Add the `workspace` command and its subcommands."""
    parser = subparsers.add_parser(
        "workspace",
        help="the team's workspace: import, propose, accept, history, export, backup, check",
        description="Work on the team's workspace: the roster, open cases and every decision.",
    )
    # --db (also spelt --workspace) is a global option, added anywhere by cli.global_options
    commands = parser.add_subparsers(dest="workspace_command", metavar="COMMAND", required=True)
    add = commands.add_parser
    imp = add("import", help="import a team workbook (prints what changed)")
    imp.add_argument(
        "team", type=Path, metavar="TEAM.xlsx", help="the team workbook (or a folder of CSVs)"
    )
    add_import_options(imp)
    imp.set_defaults(handler=run_import)
    pro = add("propose", help="propose this week's allocation and keep it pending")
    pro.add_argument(
        "--out", type=Path, metavar="RESULT.xlsx", help="also write the allocation sheet"
    )
    pro.add_argument("--json", type=Path, metavar="RESULT.json", help="also write JSON")
    pro.add_argument("--time-limit", type=positive_seconds, metavar="S", help="seconds per team")
    _team_option(pro)
    pro.add_argument(
        "--overflow",
        action="store_true",
        help="let a family no one in its team can take go to another team (Settings: overflow)",
    )
    pro.set_defaults(handler=run_propose)
    from fsp_allocator.cli.workspace_rebalance import add_rebalance_command

    add_rebalance_command(add, _team_option)
    acc = add(
        "accept",
        help="accept the pending proposal (or the pending rebalance), with any overrides",
        description="Accept what is pending: the weekly proposal or the rebalance. When both "
        "are pending, the one stored last is accepted (and named); the other stays pending.",
    )
    acc.add_argument(
        "--override",
        type=_override,
        action="append",
        default=[],
        metavar="ID=WORKER",
        help="give a new family (or one child) to another worker; WORKER 'none' leaves it "
        "unallocated (for a rebalance: keeps it with its worker); repeatable. Any id works; "
        "write --override=ID=WORKER for an id that starts with '-'",
    )
    acc.add_argument(
        "--reason",
        type=_override,
        action="append",
        default=[],
        metavar="FAMILY=TEXT",
        help="why you changed the proposal for FAMILY (required for every override); "
        "--reason=FAMILY=TEXT for an id that starts with '-'",
    )
    acc.add_argument(
        "--as",
        dest="user",
        metavar="NAME",
        help="the manager deciding (SQLite; on PostgreSQL the record names your login)",
    )
    acc.add_argument(
        "--repropose",
        action="store_true",
        help="if the pending proposal is out of date, propose again (to review) instead",
    )
    _team_option(acc)
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
    _team_option(exp)
    exp.set_defaults(handler=run_export)
    from fsp_allocator.cli.import_annex_a_command import register_workspace

    register_workspace(commands)
    sheet = add(
        "sheet",
        help="write an accepted week's allocation sheet (titled as accepted, who and when)",
        description="Write the allocation sheet of a week accepted earlier, as recorded.",
    )
    sheet.add_argument("--week", type=_week, metavar="YYYY-MM-DD", help="default: the latest")
    sheet.add_argument(
        "--out", type=Path, required=True, metavar="RESULT.xlsx", help="the sheet to write"
    )
    sheet.set_defaults(handler=run_sheet)
    add("backup", help="back up the workspace now").set_defaults(handler=run_backup)
    add("check", help="check the workspace's integrity").set_defaults(handler=run_check)
    man = add("set-manager", help="set the manager name written on decisions")
    man.add_argument("name", help='e.g. "Jo Smith (TM, FSP Banbury)"')
    man.set_defaults(handler=run_set_manager)
    from fsp_allocator.cli.service_command import register_workspace

    register_workspace(commands)
    from fsp_allocator.cli.workspace_admin import register as register_admin

    register_admin(commands)
    from fsp_allocator.cli.workspace_restore import register as register_restore

    register_restore(commands)


def _team_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--team",
        dest="teams",
        action="append",
        metavar="T",
        help="act on this team only (repeatable; default: every team you hold)",
    )


def _scope_teams(args: argparse.Namespace) -> list[str] | None:
    teams: list[str] | None = getattr(args, "teams", None)
    single = args.team if args.workspace_command == "history" else None  # narrows too
    return teams if teams else ([single] if single else None)


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace named by --db (else the default), closed afterwards; errors in one line."""
    create = args.workspace_command not in ("check", "backup")  # never make one to check it
    try:
        workspace = open_workspace(args.workspace, create=create, teams=_scope_teams(args))
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    try:
        yield workspace
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()


def run_import(args: argparse.Namespace) -> int:
    """Import a workbook (or preview it); exit 2 listing every problem if it is invalid."""
    from fsp_allocator.workbook.reader import read_team

    if not args.team.exists():
        raise UserError(f"{args.team} does not exist.")
    reading = read_team(args.team)
    if not reading.ok or reading.data is None:
        for problem in reading.problems:
            print(f"{problem.severity.value}: {problem}", file=sys.stderr)
        print(f"{args.team.name} was not imported; nothing changed.", file=sys.stderr)
        return INVALID_INPUT
    for problem in reading.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    return import_into_workspace(args, reading.data, args.team.name)


def run_propose(args: argparse.Namespace) -> int:
    """Propose, keep the proposal pending, print a summary and write any result files."""
    from fsp_allocator.cli.allocate_command import summary_lines, write_results
    from fsp_allocator.workspace.cycle import propose_pending
    from solver import SolverConfig

    config = SolverConfig(time_limit_seconds=args.time_limit) if args.time_limit else None
    with opened(args) as workspace:  # the files are written first, then it is pending
        proposal = propose_pending(
            workspace,
            config,
            overflow=args.overflow,
            before_storing=lambda p: write_results(p, args.out, args.json),
        )
        data = workspace.load()  # for the shortfall, when capacity ran out
    for line in summary_lines(proposal, data):
        print(line)
    print("Pending: review it, then `fsp-allocator workspace accept`.")
    return 0


def run_accept(args: argparse.Namespace) -> int:
    """Accept the pending proposal, or the pending rebalance when it was stored last; each
    override needs a reason for its family."""
    from fsp_allocator.cli.workspace_rebalance import (
        accept_rebalance_command,
        dropped_rebalance_note,
        pending_choice,
        refuse_repropose,
    )
    from fsp_allocator.workspace.cycle import accept_pending

    with opened(args) as workspace:
        if args.user and not workspace.is_sqlite and args.user != workspace.user_name:
            raise UserError(
                f"On a shared database the record names your database login "
                f"({workspace.user_name}); --as cannot name anyone else. Nothing was saved."
            )
        before = workspace.pending_order()
        if pending_choice(workspace) == "rebalance":
            refuse_repropose(args)
            return accept_rebalance_command(args, workspace)
        try:
            result = accept_pending(workspace, list(args.override), list(args.reason), args.user)
        except StaleProposal as stale:
            if not args.repropose:
                raise
            from fsp_allocator.cli.allocate_command import summary_lines
            from fsp_allocator.workspace.cycle import propose_pending

            print(f"{stale}", file=sys.stderr)
            proposal = propose_pending(workspace)
            for line in summary_lines(proposal):
                print(line)
            print("Proposed again; nothing accepted. Review it, then accept again.")
            return 0
        except ChoiceRefused as refused:  # a hard rule or a split family: exit 2, listed
            for problem in refused.refusals:
                print(f"refused: {problem}.", file=sys.stderr)
            print("Nothing was accepted; nothing changed.", file=sys.stderr)
            return INVALID_INPUT
    for warning in result.warnings:
        print(f"warning: {warning}.", file=sys.stderr)
    print(f"Accepted: {result.allocated} children allocated, {result.left_unallocated} left.")
    note = dropped_rebalance_note(before)
    if note:
        print(note)
    if result.backup_path is not None:
        print(f"Backup taken first: {result.backup_path}")
    return 0


def run_history(args: argparse.Namespace) -> int:
    """Print decisions and load history (or the audit log), oldest first."""
    from fsp_allocator.workspace.audit_text import described
    from fsp_allocator.workspace.decision_text import decision_line

    with opened(args) as workspace:
        names = workspace.worker_names()  # leavers too: their history stays readable

        def who(worker_id: str | None) -> str:
            if worker_id is None:
                return "unallocated"
            return f"{names[worker_id]} ({worker_id})" if worker_id in names else worker_id

        if args.audit:
            for entry in workspace.audit(entity_id=args.worker):
                print(f"{entry.at:%Y-%m-%d %H:%M} {entry.user}: {described(entry, names).line()}")
            return 0
        for d in workspace.decisions(team=args.team, worker_id=args.worker):
            print(decision_line(d, names))
        for s in workspace.workload_history(worker_id=args.worker, team=args.team):
            print(
                f"{s.week} {who(s.worker_id)} ({s.team}): load {s.load:g} of {s.capacity:g}, "
                f"court {s.court}, children {s.children}"
            )
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the workspace's current state as a team workbook (atomically)."""
    with opened(args) as workspace:
        try:
            workspace.export_team(args.out)
        except OSError as exc:
            from fsp_allocator.safe_write import disk_message

            raise UserError(
                f"could not write {args.out}: {disk_message(exc)}; the old file, if any, "
                "is unchanged."
            ) from None
    print(f"Written: {args.out}")
    return 0


def run_sheet(args: argparse.Namespace) -> int:
    """Write an accepted week's allocation sheet (the latest when no week is given)."""
    from fsp_allocator.result.excel_writer import Accepted, write_excel

    with opened(args) as workspace:
        weeks = workspace.accepted_weeks()
        if not weeks:
            raise UserError("No week has been accepted in this workspace yet.")
        record = workspace.accepted_week(args.week or weeks[0])
    try:
        write_excel(record.proposal, args.out, Accepted(record.accepted_by, record.accepted_at))
    except OSError as exc:
        raise UserError(f"could not write {args.out} ({exc.strerror or exc}).") from None
    print(
        f"Written: {args.out} (week of {record.week}, accepted by {', '.join(record.accepted_by)})"
    )
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
