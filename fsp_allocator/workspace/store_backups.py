"""Backing up, checking and restoring a workspace (`Workspace`'s, through this mixin).

A SQLite workspace is backed up before every recorded change and can be restored from a
backup (itself backed up first, so a restore can be undone); a PostgreSQL one is its
database server's to back up and restore. `check` reports integrity problems as sentences.
"""

from __future__ import annotations

from pathlib import Path

from fsp_allocator.workspace.audit import record
from fsp_allocator.workspace.backup import backup_sqlite, integrity_problems
from fsp_allocator.workspace.engine import translated_errors
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.permissions import restrict_workspace
from fsp_allocator.workspace.schema import check_known, current_revision, head_revision
from fsp_allocator.workspace.state import read_team
from fsp_allocator.workspace.store_core import WorkspaceCore
from fsp_allocator.workspace.trust import record_problems


class BackupsMixin(WorkspaceCore):
    """`backup`, `check` and `restore` of a workspace."""

    def backup(self) -> Path:
        """Back up a SQLite workspace now; returns the backup's path."""
        if self._target.path is None:
            raise WorkspaceError(
                "A shared PostgreSQL workspace is backed up by its database server "
                "(pg_dump), not by FSP Allocator."
            )
        with translated_errors():
            made = backup_sqlite(self._target.path)
        restrict_workspace(self._target.path, own_folder=False)
        return made

    def check(self) -> list[str]:
        """Integrity problems as sentences; [] = healthy."""
        problems: list[str] = []
        if self._target.path is not None:
            problems += integrity_problems(self._target.path)
            if problems:
                return problems
        with self._read() as conn:
            revision = current_revision(conn)
            if revision != head_revision():
                check_known(revision)
                problems.append(f"The schema is at {revision}, not {head_revision()}.")
            data = read_team(conn, scope=self.scope)
            problems += record_problems(conn, sees_everything=self.allowed is None)
        on_roster = {w.worker_id for w in data.workers}
        for child in data.open_children():
            if child.worker_id not in on_roster:
                problems.append(
                    f"Open child {child.child_id} is led by {child.worker_id}, "
                    "who is not on the roster."
                )
        return problems

    def restore(self, backup: Path, user: str | None = None) -> Path:
        """Replace this SQLite workspace with `backup`; returns the backup of the state before.

        The current state is backed up first, so a restore can itself be undone; the restore
        is recorded in the (restored) audit as a 'restore' row naming the backup. Raises
        WorkspaceError, nothing changed, for PostgreSQL or a file that is not a backup.
        """
        if self._target.path is None:
            raise WorkspaceError(
                "A shared PostgreSQL workspace is restored by its database server "
                "(pg_restore), not by FSP Allocator; nothing was changed."
            )
        from fsp_allocator.workspace.restore import restore_sqlite
        from fsp_allocator.workspace.schema import upgrade_to_head

        who = user or self.user_name
        self._engine.dispose()  # no pooled connection keeps the old pages
        with translated_errors():
            before = restore_sqlite(self._target.path, Path(backup))
        upgrade_to_head(self._engine)  # an older backup's schema is brought up to date
        restrict_workspace(self._target.path, own_folder=False)
        with self._write() as conn:
            name = Path(backup).name
            record(conn, who, "restore", "workspace", name, "state before", None, before.name)
        return before
