"""`fsp-allocator workspace --db URL admin add-manager|list|remove`: who may do what.

Run as the workspace's owner (the login that created the database's tables). Each manager
gets their own database login, limited by row-level security to the teams named here
(`--service`: a head of service, who reads every team).
"""

from __future__ import annotations

import argparse
from typing import Any

from fsp_allocator.cli.errors import UserError
from fsp_allocator.workspace import Workspace, WorkspaceError, open_workspace


def register(commands: Any) -> None:
    """Add `admin` and its subcommands to the `workspace` command."""
    admin = commands.add_parser(
        "admin",
        help="shared PostgreSQL workspace: add, list or remove managers (as its owner)",
        description="Manage who may use a shared PostgreSQL workspace. Run as its owner.",
    )
    actions = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    add = actions.add_parser("add-manager", help="give a database login a team (or all teams)")
    add.add_argument("name", help="the manager's database login, e.g. ann_lee")
    add.add_argument(
        "--team",
        dest="admin_teams",
        action="append",
        default=[],
        metavar="T",
        help="a team the manager holds; repeatable",
    )
    add.add_argument("--service", action="store_true", help="a head of service: reads every team")
    add.set_defaults(handler=run_add)
    actions.add_parser("list", help="list the managers and their teams").set_defaults(
        handler=run_list
    )
    rem = actions.add_parser("remove", help="take a manager's teams away")
    rem.add_argument("name", help="the manager's database login")
    rem.set_defaults(handler=run_remove)


def _engine_of(args: argparse.Namespace) -> Workspace:
    if not args.workspace or "://" not in args.workspace:
        raise UserError(
            "Managers are added on a shared PostgreSQL workspace: give --db "
            "postgresql+psycopg://OWNER@SERVER/DATABASE."
        )
    try:
        workspace = open_workspace(args.workspace)
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    return workspace


def run_add(args: argparse.Namespace) -> int:
    """Create (or update) a manager's login and teams."""
    workspace = _engine_of(args)
    try:
        manager = workspace.add_manager(args.name, args.admin_teams, service=args.service)
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()
    held = (
        "every team (head of service)"
        if manager.is_service and not manager.teams
        else (", ".join(manager.teams) + (" and reads every team" if manager.is_service else ""))
    )
    print(f"{manager.login} may now work on {held}.")
    print("Set their password on the server (ALTER ROLE ... PASSWORD) or use its single sign-on.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """List the managers and their teams."""
    workspace = _engine_of(args)
    try:
        managers = workspace.managers()
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()
    if not managers:
        print("No managers yet: add one with `admin add-manager NAME --team T`.")
    for m in managers:
        teams = ", ".join(m.teams) if m.teams else "-"
        print(f"{m.login}: {teams}{' (head of service: every team)' if m.is_service else ''}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Take a manager's teams away (their login can then see nothing here)."""
    workspace = _engine_of(args)
    try:
        removed = workspace.remove_manager(args.name)
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    finally:
        workspace.close()
    if not removed:
        raise UserError(f"{args.name} is not a manager of this workspace.")
    print(f"{args.name} may no longer read or change anything in this workspace.")
    return 0
