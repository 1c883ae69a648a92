"""Open a workspace: the default SQLite file, another file, or a database URL.

The schema is created or migrated to this version's head; a first run of the default
workspace fills it with the demo team, clearly marked as such, reached through a few past
weeks of real allocations (`demo_weeks`) so its history and trends are not empty.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import text

from fsp_allocator.paths import default_workspace_path
from fsp_allocator.workspace.engine import (
    DEFAULT_BUSY_TIMEOUT,
    display_location,
    make_engine,
    translated_errors,
)
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.location import check_sqlite_place, resolve_target
from fsp_allocator.workspace.permissions import create_private_file, restrict_workspace
from fsp_allocator.workspace.schema import upgrade_to_head
from fsp_allocator.workspace.store import Workspace

DEMO_USER = "FSP Allocator (demo set-up)"


def open_workspace(
    target: str | Path | None = None,
    *,
    create: bool = True,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    teams: Iterable[str] | None = None,
) -> Workspace:
    """Open (creating or migrating the schema) the workspace at `target`.

    None = the default file; a path = a SQLite file; a string with `://` = a SQLAlchemy
    URL such as `postgresql+psycopg://user@server/db`. Raises WorkspaceError with a clear
    message for a read-only place, a network share, a newer schema or a damaged file.
    `teams` narrows the workspace to those teams (refused, OutsideScope, for a team the
    login may not change). A SQLite file and its folders are made owner-only (0600/0700),
    a new one from its creation.
    """
    resolved = resolve_target(target)
    own_folder = False
    if resolved.path is not None:
        folder = resolved.path.parent
        own_folder = not folder.exists() or folder == default_workspace_path().parent
        check_sqlite_place(resolved.path, create=create)
        create_private_file(resolved.path)
        restrict_workspace(resolved.path, own_folder=own_folder)
    engine = make_engine(resolved, busy_timeout=busy_timeout)
    try:
        with translated_errors():
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
                conn.rollback()
            upgrade_to_head(engine)
        if resolved.path is not None:
            # again, for the WAL and SHM files made on first connect
            restrict_workspace(resolved.path, own_folder=own_folder)
        workspace = Workspace(engine, resolved, display_location(resolved))
        return workspace.narrow(teams)
    except WorkspaceError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise WorkspaceError(
            f"The workspace at {display_location(resolved)} cannot be opened ({exc})."
        ) from None


def _default_is_a_server() -> bool:
    return "://" in os.environ.get("FSP_ALLOCATOR_WORKSPACE", "")


def demo_will_be_made() -> bool:
    """Whether opening the default workspace now creates the demo (a few seconds' work)."""
    return not _default_is_a_server() and not default_workspace_path().exists()


def open_default_workspace() -> Workspace:
    """The default workspace; on first run it is made as a DEMO workspace with the demo team."""
    if _default_is_a_server():
        return open_workspace(None)  # a shared server: never filled with demo data
    first_run = demo_will_be_made()
    workspace = open_workspace(default_workspace_path())
    if first_run:
        from fsp_allocator.demo import generate
        from fsp_allocator.workspace.demo_weeks import seed_demo_history

        seed_demo_history(workspace, generate(teams=1, seed=1), DEMO_USER)
        workspace.mark_demo(True)
    return workspace
