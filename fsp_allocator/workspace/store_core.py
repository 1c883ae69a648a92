"""The workspace's plumbing: its database, where it is, whose scope, and who writes.

`WorkspaceCore` opens one transaction per change (`_write`: on SQLite `BEGIN IMMEDIATE`,
the record chain's heads read afresh) or one read (`_read`, always rolled back), and names
who a change is recorded for. `Workspace` (store.py) is built on it with its mixins.
"""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine

from fsp_allocator.workspace.chain import forget_heads
from fsp_allocator.workspace.engine import translated_errors
from fsp_allocator.workspace.location import Target
from fsp_allocator.workspace.roles import allowed_scope, is_postgres, session_login
from fsp_allocator.workspace.scope import Scope
from fsp_allocator.workspace.state import MANAGER_NAME, get_info


def os_user() -> str:
    """The operating system's user name, or a neutral label when it cannot be found."""
    try:
        return getpass.getuser() or "unknown user"
    except Exception:  # getpass raises various errors when no user can be found
        return "unknown user"


class WorkspaceCore:
    """One open workspace's connections, location, scope and writer."""

    def __init__(self, engine: Engine, target: Target, location: str) -> None:
        self._engine = engine
        self._target = target
        self.location = location
        with self._read() as conn:
            self.allowed: Scope = allowed_scope(conn)
        self.scope: Scope = self.allowed

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with translated_errors(), self._engine.begin() as conn:
            forget_heads(conn)
            yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with translated_errors(), self._engine.connect() as conn:
            yield conn
            conn.rollback()

    @property
    def is_sqlite(self) -> bool:
        """True for an embedded SQLite workspace file."""
        return self._target.is_sqlite

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a database server."""
        return self._target.path

    @property
    def user_name(self) -> str:
        """The name written on decisions: on PostgreSQL the database login; else the
        configured manager name, else the operating system's user."""
        with self._read() as conn:
            if is_postgres(conn):
                return session_login(conn)
            return get_info(conn, MANAGER_NAME) or os_user()

    def _who(self, conn: Connection, user: str | None) -> str:
        if is_postgres(conn):
            return session_login(conn)  # the database login, never a name typed in
        return user or get_info(conn, MANAGER_NAME) or os_user()
