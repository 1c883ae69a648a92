"""Database engines for a workspace: SQLite (WAL, foreign keys, BEGIN IMMEDIATE) or PostgreSQL.

Every SQLite transaction starts with `BEGIN IMMEDIATE` (SQLAlchemy's documented recipe for
pysqlite), so two windows never interleave a read-modify-write: the second waits up to the
busy timeout, then is told the workspace is busy. Driver errors become `WorkspaceError`s.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from fsp_allocator.workspace.errors import WorkspaceBusy, WorkspaceError
from fsp_allocator.workspace.location import Target

DEFAULT_BUSY_TIMEOUT = 10.0  # seconds a writer waits for another window before "busy"


def make_engine(target: Target, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    """An engine for the target; SQLite connections get the pragmas and BEGIN IMMEDIATE."""
    if not target.is_sqlite:
        try:
            return create_engine(target.url, pool_pre_ping=True)
        except Exception as exc:  # a bad URL or a missing driver: one clear sentence
            raise WorkspaceError(f"The workspace address cannot be used: {exc}") from None
    engine = create_engine(target.url, connect_args={"timeout": busy_timeout})
    timeout_ms = int(busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def display_location(target: Target) -> str:
    """The file path, or the URL with any password hidden."""
    if target.path is not None:
        return str(target.path)
    return make_url(target.url).render_as_string(hide_password=True)


def _sqlite_message(exc: BaseException) -> str | None:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "busy"
    if "readonly" in text or "read-only" in text:
        return (
            "The workspace is read-only here, so nothing could be saved. "
            "Copy it to a writable folder."
        )
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return (
            "The workspace file is damaged or is not an FSP Allocator workspace. "
            "Restore the latest backup (fsp-allocator workspace backup lists where they are)."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return (
            "The disk holding the workspace is full, so nothing was saved. Free some space "
            "and try again."
        )
    if "disk i/o error" in text or "i/o error" in text:
        return (
            "The workspace file could not be read or written (the disk reported an I/O "
            "error), so nothing was saved. Check the disk or network drive and try again."
        )
    if "unable to open" in text:
        return "The workspace file cannot be opened: check the folder exists and is writable."
    return None


@contextlib.contextmanager
def translated_errors() -> Iterator[None]:
    """Turn driver errors into WorkspaceBusy / WorkspaceError with one clear sentence."""
    try:
        yield
    except IntegrityError:
        raise WorkspaceError(
            "Another manager saved the same records at the same moment, so nothing of this "
            "change was saved. Reload and try again."
        ) from None
    except (OperationalError, DBAPIError) as exc:
        original = getattr(exc, "orig", None) or exc
        if isinstance(original, sqlite3.Error):
            message = _sqlite_message(original)
            if message == "busy":
                raise WorkspaceBusy() from None
            if message:
                raise WorkspaceError(message) from None
        if isinstance(exc, OperationalError) and getattr(exc, "connection_invalidated", False):
            raise WorkspaceError(
                "The connection to the shared workspace database was lost. Try again."
            ) from None
        text = str(getattr(exc, "orig", exc)).lower()
        if any(
            sign in text
            for sign in ("could not connect", "connection refused", "connection to server")
        ):
            raise WorkspaceError(
                "The shared workspace database cannot be reached. Check the address and "
                "that the server is running."
            ) from None
        raise
    except sqlite3.Error as exc:
        message = _sqlite_message(exc)
        if message == "busy":
            raise WorkspaceBusy() from None
        if message:
            raise WorkspaceError(message) from None
        raise
