"""Restore a SQLite workspace from one of its backups, so that the restore itself can be undone.

The backup is checked first (a SQLite file, healthy, with the workspace's tables and a
schema this version knows), copied aside, then the current state is backed up and the copy
is written over the workspace with SQLite's online backup API (one transaction, so a
window still open on the workspace sees either the old state or the restored one).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fsp_allocator.safe_write import atomic_path
from fsp_allocator.workspace.backup import backup_sqlite, integrity_problems
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.schema import VERSION_TABLE, check_known

SQLITE_HEADER = b"SQLite format 3\x00"
WORKSPACE_TABLES = frozenset({"workspace_info", "workers", "children", "decisions", "audit"})


@dataclass(frozen=True)
class BackupFile:
    """One backup as the Backups dialog lists it."""

    path: Path
    taken_at: datetime
    size_bytes: int


def describe_backups(paths: list[Path]) -> list[BackupFile]:
    """The backups with their time (the file's, local) and size, newest first."""
    files = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue  # removed meanwhile (another window pruning)
        taken = datetime.fromtimestamp(info.st_mtime, UTC).astimezone()
        files.append(BackupFile(path, taken, info.st_size))
    return sorted(files, key=lambda f: (f.taken_at, f.path.name), reverse=True)


def _not_a_backup(path: Path, why: str) -> WorkspaceError:
    return WorkspaceError(
        f"{path.name} is not an FSP Allocator workspace backup ({why}); nothing was changed."
    )


def check_backup(path: Path) -> None:
    """Raise WorkspaceError (one sentence) unless `path` is a healthy workspace backup."""
    if not path.is_file():
        raise WorkspaceError(f"{path} does not exist; nothing was changed.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise WorkspaceError(f"{path} cannot be read ({exc.strerror}); nothing changed.") from None
    if header != SQLITE_HEADER:
        raise _not_a_backup(path, "it is not a SQLite database")
    problems = integrity_problems(path)
    if problems:
        raise WorkspaceError(
            f"The backup {path.name} is damaged ({problems[0]}); nothing was changed."
        )
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        revision = None
        if VERSION_TABLE in names:
            row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
            revision = None if row is None else str(row[0])
    finally:
        connection.close()
    if not names >= WORKSPACE_TABLES or revision is None:
        raise _not_a_backup(path, "it has no workspace tables")
    check_known(revision)  # a newer schema: refused, naming the newer version


def restore_sqlite(workspace: Path, backup: Path, *, timeout: float = 10.0) -> Path:
    """Write `backup` over `workspace` after backing the workspace up; returns that backup.

    Raises WorkspaceError, leaving the workspace unchanged, for a file that is not a
    healthy workspace backup of a schema this version knows.
    """
    if backup.resolve() == workspace.resolve():
        raise WorkspaceError("That is the workspace itself, not a backup; nothing was changed.")
    check_backup(backup)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    staged = workspace.parent / f".{workspace.stem}-restoring-{stamp}.sqlite"
    with atomic_path(staged) as tmp:  # a copy first: pruning old backups may remove `backup`
        _copy(backup, Path(tmp), timeout)
    try:
        before = backup_sqlite(workspace, timeout=timeout)
        _copy(staged, workspace, timeout)
    finally:
        staged.unlink(missing_ok=True)
    return before


def _copy(source_path: Path, target_path: Path, timeout: float) -> None:
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=timeout)
    try:
        target = sqlite3.connect(str(target_path), timeout=timeout)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
