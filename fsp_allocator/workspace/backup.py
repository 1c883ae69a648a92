"""Backups of a SQLite workspace (the online backup API) and its integrity check.

A backup is taken before each accept into `backups/` beside the workspace; the newest
20 are kept. Each is written to a temporary name and renamed, so none is ever half done.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from fsp_allocator.safe_write import atomic_path

KEEP_BACKUPS = 20


def backups_dir(workspace: Path) -> Path:
    """The folder holding a workspace's backups."""
    return workspace.parent / "backups"


def list_backups(workspace: Path) -> list[Path]:
    """This workspace's backups, oldest first."""
    folder = backups_dir(workspace)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{workspace.stem}-*.sqlite"))


def backup_sqlite(workspace: Path, *, keep: int = KEEP_BACKUPS, timeout: float = 10.0) -> Path:
    """Copy the workspace with SQLite's online backup API; keep the newest `keep` copies."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir(workspace) / f"{workspace.stem}-{stamp}.sqlite"
    source = sqlite3.connect(str(workspace), timeout=timeout)
    try:
        with atomic_path(target) as tmp:
            destination = sqlite3.connect(str(tmp))
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
    finally:
        source.close()
    for old in list_backups(workspace)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def integrity_problems(workspace: Path, timeout: float = 10.0) -> list[str]:
    """SQLite's integrity_check and foreign_key_check, as sentences; [] = healthy."""
    connection = sqlite3.connect(str(workspace), timeout=timeout)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        problems = [] if result == ["ok"] else [f"Database damage: {r}" for r in result]
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"Row {rowid} of {table} points to a missing {parent} row.")
    except sqlite3.DatabaseError as exc:
        problems = [f"The workspace file cannot be read as a database ({exc})."]
    finally:
        connection.close()
    return problems
