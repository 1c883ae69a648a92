"""The workspace: the team's roster, open cases, decisions and history, never lost.

Every change runs in one transaction (on SQLite a `BEGIN IMMEDIATE` one) and is audited.
Open it with `fsp_allocator.workspace.open_workspace`.
"""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Iterator, Mapping
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import Child, ChildId, FamilyId, Settings, TeamData, Worker, WorkerId
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.accepting import accept_in, check_final
from fsp_allocator.workspace.audit import read_audit, utc_now
from fsp_allocator.workspace.backup import backup_sqlite, integrity_problems
from fsp_allocator.workspace.codec import dump_proposal, load_proposal
from fsp_allocator.workspace.edits import (
    remove_new_child,
    remove_worker,
    replace_settings,
    upsert_child,
    upsert_worker,
)
from fsp_allocator.workspace.engine import translated_errors
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.history import read_decisions, read_snapshots, take_snapshot
from fsp_allocator.workspace.importing import import_data
from fsp_allocator.workspace.location import Target
from fsp_allocator.workspace.records import (
    AcceptResult,
    AuditEntry,
    Decision,
    ImportDiff,
    LoadSnapshot,
)
from fsp_allocator.workspace.schema import check_known, current_revision, head_revision
from fsp_allocator.workspace.service_history import WeekRecord, read_weeks
from fsp_allocator.workspace.state import (
    IS_DEMO,
    MANAGER_NAME,
    get_info,
    get_review_choices,
    next_seq,
    read_team,
    rows_by_id,
    set_info,
    set_review_choices,
)


def os_user() -> str:
    """The operating system's user name, or a neutral label when it cannot be found."""
    try:
        return getpass.getuser() or "unknown user"
    except Exception:  # getpass raises various errors when no user can be found
        return "unknown user"


class Workspace:
    """One open workspace (a SQLite file or a shared PostgreSQL database)."""

    def __init__(self, engine: Engine, target: Target, location: str) -> None:
        self._engine = engine
        self._target = target
        self.location = location

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with translated_errors(), self._engine.begin() as conn:
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
    def is_demo(self) -> bool:
        """True while the workspace holds the demo team made on first run."""
        with self._read() as conn:
            return get_info(conn, IS_DEMO) == "yes"

    def mark_demo(self, is_demo: bool) -> None:
        """Mark (or unmark) the workspace as the demo one."""
        with self._write() as conn:
            set_info(conn, IS_DEMO, "yes" if is_demo else None)

    @property
    def user_name(self) -> str:
        """The configured manager name, else the operating system's user."""
        with self._read() as conn:
            return get_info(conn, MANAGER_NAME) or os_user()

    def set_manager_name(self, name: str) -> None:
        """Set the name written on decisions and audit rows (blank = the OS user)."""
        with self._write() as conn:
            set_info(conn, MANAGER_NAME, name.strip() or None)

    def _who(self, conn: Connection, user: str | None) -> str:
        return user or get_info(conn, MANAGER_NAME) or os_user()

    def load(self) -> TeamData:
        """The whole workspace: roster, open cases in row order and settings."""
        with self._read() as conn:
            return read_team(conn)

    def import_team(self, data: TeamData, user: str | None = None) -> ImportDiff:
        """Upsert a workbook's roster and cases, close what is gone, replace the settings."""
        with self._write() as conn:
            diff = import_data(conn, data, self._who(conn, user), utc_now())
            set_info(conn, IS_DEMO, None)
            return diff

    def save_worker(self, worker: Worker, user: str | None = None) -> None:
        """Insert or update one worker, audited."""
        with self._write() as conn:
            rows = rows_by_id(conn, tables.workers, "worker_id")
            existing = rows.get(worker.worker_id)
            seq = existing["seq"] if existing else next_seq(conn, tables.workers)
            upsert_worker(conn, worker, seq, existing, self._who(conn, user), utc_now())

    def remove_worker(self, worker_id: str, user: str | None = None) -> None:
        """Take a worker off the roster; refused while they lead open children."""
        with self._write() as conn:
            remove_worker(conn, worker_id, self._who(conn, user), utc_now())

    def save_child(self, child: Child, user: str | None = None) -> None:
        """Insert or update one child's case, audited."""
        with self._write() as conn:
            rows = rows_by_id(conn, tables.children, "child_id")
            existing = rows.get(child.child_id)
            seq = (
                existing["seq"]
                if existing and existing["closed_at"] is None
                else next_seq(conn, tables.children)
            )
            upsert_child(conn, child, seq, existing, self._who(conn, user), utc_now())

    def remove_child(self, child_id: str, user: str | None = None) -> None:
        """Remove a new (unallocated) child; open cases are closed by importing instead."""
        with self._write() as conn:
            remove_new_child(conn, child_id, self._who(conn, user), utc_now())

    def save_settings(self, settings: Settings, user: str | None = None) -> None:
        """Replace the settings (and week), audited key by key."""
        with self._write() as conn:
            replace_settings(conn, settings, self._who(conn, user), utc_now())

    def store_proposal(self, proposal: AllocationProposal) -> None:
        """Keep the pending proposal (one; the next replaces it, with no changes kept)."""
        with self._write() as conn:
            set_review_choices(conn, {})
            conn.execute(delete(tables.pending))
            conn.execute(
                insert(tables.pending).values(
                    id=1, stored_at=utc_now(), payload=dump_proposal(proposal)
                )
            )

    def save_review_choices(self, choices: Mapping[str, str | None]) -> None:
        """Keep the manager's changes to the pending proposal, so none is lost before Accept.

        `choices` maps family id -> worker id (None = leave unallocated). Closing the app or
        a crash keeps them; they are not decisions (Accept records those, with reasons).
        """
        with self._write() as conn:
            set_review_choices(conn, choices)

    def review_choices(self) -> dict[str, str | None]:
        """The changes kept for the pending proposal ({} when none)."""
        with self._read() as conn:
            return get_review_choices(conn)

    def pending_proposal(self) -> AllocationProposal | None:
        """The pending proposal, or None (also when it was stored by an older version)."""
        with self._read() as conn:
            payload = conn.execute(select(tables.pending.c.payload)).scalar_one_or_none()
        if payload is None:
            return None
        try:
            return load_proposal(payload)
        except (ValueError, TypeError, KeyError):
            return None

    def accept(
        self,
        proposal: AllocationProposal,
        final: Mapping[ChildId, WorkerId | None],
        override_reasons: Mapping[FamilyId, str],
        user: str | None = None,
        *,
        backup_first: bool = True,
    ) -> AcceptResult:
        """Make the manager's final choice the caseload, with decisions, audit and a snapshot.

        A backup is taken first (SQLite; `backup_first=False` only where there is nothing
        to lose, as while a fresh demo workspace is filled). Raises OverrideReasonRequired,
        AcceptConflict, WorkspaceBusy or WorkspaceError; on any error nothing of the accept
        is saved.
        """
        with self._read() as conn:
            check_final(conn, proposal, final, override_reasons)
        backup_path = self.backup() if self.is_sqlite and backup_first else None
        with self._write() as conn:
            at = utc_now()
            allocated, left = accept_in(
                conn, proposal, final, override_reasons, self._who(conn, user), at
            )
            take_snapshot(conn, read_team(conn), proposal.week, at)
            conn.execute(delete(tables.pending))
            set_review_choices(conn, {})
        return AcceptResult(allocated, left, backup_path)

    def decisions(self, *, team: str | None = None, worker_id: str | None = None) -> list[Decision]:
        """Decisions on record, oldest first."""
        with self._read() as conn:
            return read_decisions(conn, team=team, worker_id=worker_id)

    def audit(self, *, entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first."""
        with self._read() as conn:
            return read_audit(conn, entity=entity, entity_id=entity_id)

    def workload_history(
        self, *, worker_id: str | None = None, team: str | None = None
    ) -> list[LoadSnapshot]:
        """Each worker's load at every accept, oldest first."""
        with self._read() as conn:
            return read_snapshots(conn, worker_id=worker_id, team=team)

    def accepted_weeks(self) -> list[WeekRecord]:
        """Each accepted week's intake, closures and unallocated per team (the service plan)."""
        with self._read() as conn:
            return read_weeks(conn)

    def export_team(self, path: Path) -> None:
        """Write the current state as a team workbook, atomically (temp file + rename)."""
        from fsp_allocator.workbook.writer import write_team

        write_team(self.load(), Path(path))

    def backup(self) -> Path:
        """Back up a SQLite workspace now; returns the backup's path."""
        if self._target.path is None:
            raise WorkspaceError(
                "A shared PostgreSQL workspace is backed up by its database server "
                "(pg_dump), not by FSP Allocator."
            )
        with translated_errors():
            return backup_sqlite(self._target.path)

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
            data = read_team(conn)
        on_roster = {w.worker_id for w in data.workers}
        for child in data.open_children():
            if child.worker_id not in on_roster:
                problems.append(
                    f"Open child {child.child_id} is led by {child.worker_id}, "
                    "who is not on the roster."
                )
        return problems

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()
