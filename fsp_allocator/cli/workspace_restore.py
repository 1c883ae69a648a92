"""`fsp-allocator workspace restore BACKUP` and `workspace backups`: undo to a backup.

The current state is backed up first, so a restore can itself be undone; errors are one
clear line (exit 1), as for the other workspace commands.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fsp_allocator.cli.errors import UserError


def register(commands: Any) -> None:
    """Add `restore` and `backups` to the `workspace` command."""
    res = commands.add_parser(
        "restore",
        help="replace the workspace with a backup (the current state is backed up first)",
        description="Replace a SQLite workspace with one of its backups. The current state "
        "is backed up first, so the restore can be undone by restoring that backup.",
    )
    res.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file to restore")
    res.add_argument("--as", dest="user", metavar="NAME", help="the manager restoring")
    res.set_defaults(handler=run_restore)
    commands.add_parser("backups", help="list the workspace's backups, newest first").set_defaults(
        handler=run_backups
    )


def run_restore(args: argparse.Namespace) -> int:
    """Restore the backup; print what was restored and where the state before went."""
    from fsp_allocator.cli.workspace_command import opened

    if not args.backup.exists():
        raise UserError(f"{args.backup} does not exist; nothing was changed.")
    with opened(args) as workspace:
        before = workspace.restore(args.backup, args.user)
        where = workspace.location
    print(f"Restored {where} from {args.backup.name}.")
    print(f"The state before was backed up first: {before}")
    return 0


def run_backups(args: argparse.Namespace) -> int:
    """List the backups with their time and size, newest first."""
    from fsp_allocator.workspace import WorkspaceError, open_workspace
    from fsp_allocator.workspace.backup import list_backups
    from fsp_allocator.workspace.restore import describe_backups

    try:
        workspace = open_workspace(args.workspace, create=False)  # never make one to list
    except WorkspaceError as exc:
        raise UserError(str(exc)) from None
    path = workspace.path
    workspace.close()
    if path is None:
        raise UserError("A shared PostgreSQL workspace is backed up by its database server.")
    files = describe_backups(list_backups(path))
    if not files:
        print("No backups yet: one is taken before every accept and import.")
    for f in files:
        print(f"{f.taken_at:%Y-%m-%d %H:%M:%S}  {f.size_bytes / 1024:8.0f} KB  {f.path}")
    return 0
