"""The workspace: the team's roster, open cases, decisions and history, never lost.

Every change runs in one transaction (on SQLite a `BEGIN IMMEDIATE` one) and is audited.
Open it with `fsp_allocator.workspace.open_workspace`. A workspace object acts within its
scope (`scope`): the teams named when it was opened, within those its login may change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import Child, ChildId, FamilyId, Settings, TeamData, Worker, WorkerId
from fsp_allocator.workspace import rebalance_pending, tables
from fsp_allocator.workspace.accepted_week import AcceptedWeek, accepted_weeks, read_accepted_week
from fsp_allocator.workspace.accepting import accept_in, check_final, proposal_basis
from fsp_allocator.workspace.audit import read_audit, record, utc_now
from fsp_allocator.workspace.codec import dump_proposal, load_proposal
from fsp_allocator.workspace.decision_text import worker_names
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
from fsp_allocator.workspace.import_preview import (
    AppliedImport,
    ImportPreview,
    ImportWouldUndo,
    preview_in,
)
from fsp_allocator.workspace.importing import import_data
from fsp_allocator.workspace.records import (
    AcceptResult,
    AuditEntry,
    Decision,
    ImportDiff,
    LoadSnapshot,
)
from fsp_allocator.workspace.roles import (
    Manager,
    add_manager,
    is_postgres,
    list_managers,
    remove_manager,
    session_login,
)
from fsp_allocator.workspace.scope import (
    OutsideScope,
    Scope,
    in_scope,
    narrowed,
    scope_key,
    workbook_teams,
)
from fsp_allocator.workspace.service_history import WeekRecord, read_weeks
from fsp_allocator.workspace.state import (
    IS_DEMO,
    MANAGER_NAME,
    get_info,
    get_review_choices,
    next_seq,
    read_settings,
    read_team,
    rows_by_id,
    set_info,
    set_review_choices,
)
from fsp_allocator.workspace.store_backups import BackupsMixin
from fsp_allocator.workspace.store_rebalance import RebalanceMixin


class Workspace(RebalanceMixin, BackupsMixin):
    """One open workspace (a SQLite file or a shared PostgreSQL database).

    Its connections and writer are `WorkspaceCore`'s (store_core.py), its backups, check and
    restore `BackupsMixin`'s (store_backups.py), its pending rebalance `RebalanceMixin`'s
    (store_rebalance.py).
    """

    def narrow(self, teams: Iterable[str] | None) -> Workspace:
        """Act on these teams only (None or empty: all this login may change); returns self.

        Raises OutsideScope for a team this login may not change.
        """
        scope = narrowed(self.allowed, teams)
        if scope is not None and scope != self.allowed:
            self.scope = self.allowed
            unknown = sorted(scope - set(self.teams()))
            if unknown:
                raise WorkspaceError(
                    f"There is no team {', '.join(unknown)} in this workspace "
                    f"(teams: {', '.join(self.teams()) or 'none yet'})."
                )
        self.scope = scope
        return self

    @property
    def is_demo(self) -> bool:
        """True while the workspace holds the demo team made on first run."""
        with self._read() as conn:
            return get_info(conn, IS_DEMO) == "yes"

    def mark_demo(self, is_demo: bool) -> None:
        """Mark (or unmark) the workspace as the demo one."""
        with self._write() as conn:
            set_info(conn, IS_DEMO, "yes" if is_demo else None)

    def set_manager_name(self, name: str) -> None:
        """Set the name written on decisions and audit rows (blank = the OS user)."""
        with self._write() as conn:
            set_info(conn, MANAGER_NAME, name.strip() or None)

    def load(self) -> TeamData:
        """The scope's roster, open cases in row order and settings."""
        with self._read() as conn:
            return read_team(conn, scope=self.scope)

    def teams(self) -> tuple[str, ...]:
        """The teams on the roster within the scope, sorted."""
        with self._read() as conn:
            names = conn.execute(
                select(tables.workers.c.team).where(tables.workers.c.removed_at.is_(None))
            ).scalars()
            return tuple(sorted({str(n) for n in names if in_scope(n, self.scope)}))

    def import_team(self, data: TeamData, user: str | None = None) -> ImportDiff:
        """Upsert a workbook's roster and cases for the teams it names; only those teams'
        gone workers and cases are closed and their settings replaced.

        Raises OutsideScope (nothing changed) when the workbook names a team outside the
        scope. The first import over the demo team replaces the whole workspace.
        """
        with self._write() as conn:
            scope = self._import_scope(conn, data)
            diff = import_data(
                conn, data, self._who(conn, user), utc_now(), scope, service_wide=self.scope is None
            )
            set_info(conn, IS_DEMO, None)
            return diff

    def _import_scope(self, conn: Connection, data: TeamData) -> Scope:
        """The teams an import of `data` replaces: those it names (None: the whole workspace,
        for the first import over the demo). Raises OutsideScope for a team not ours."""
        named = workbook_teams(data)
        if self.scope is not None and not named <= self.scope:
            raise OutsideScope(named - self.scope, self.scope)
        whole = self.scope is None and get_info(conn, IS_DEMO) == "yes"
        return None if whole else named

    def preview_import(self, data: TeamData, user: str | None = None) -> ImportPreview:
        """What importing `data` would change (nothing is saved: the import is rolled back)."""
        with translated_errors(), self._engine.connect() as conn:
            transaction = conn.begin()
            try:
                return preview_in(
                    conn,
                    data,
                    self._who(conn, user),
                    utc_now(),
                    self._import_scope(conn, data),
                    service_wide=self.scope is None,
                )
            finally:
                transaction.rollback()

    def apply_import(
        self, data: TeamData, user: str | None = None, *, undo_accepted: bool = False
    ) -> AppliedImport:
        """Import `data` as a recorded change: a backup first (SQLite), audited, one transaction.

        Raises ImportWouldUndo (nothing saved, no backup) when the import would turn accepted
        allocations back into unallocated children and `undo_accepted` is False.
        """
        if not undo_accepted:
            preview = self.preview_import(data, user)
            if preview.undone:
                raise ImportWouldUndo(preview)
        backup_path = self.backup() if self.is_sqlite else None
        with self._write() as conn:
            who = self._who(conn, user)
            scope = self._import_scope(conn, data)
            preview = preview_in(conn, data, who, utc_now(), scope, service_wide=self.scope is None)
            if preview.undone and not undo_accepted:  # changed since the check: refuse still
                raise ImportWouldUndo(preview)
            diff = preview.diff
            summary = (
                f"{len(diff.new_workers)} workers added, {len(diff.changed_workers)} changed, "
                f"{len(diff.removed_workers)} leaving; {len(diff.new_children)} cases new, "
                f"{len(diff.changed_children)} changed, {len(diff.closed_children)} closing; "
                f"{len(preview.undone)} accepted allocations undone"
            )
            # one row per team the workbook names, so each team's record (and, on
            # PostgreSQL, its row-level security) sees the import that changed it
            teams: list[str | None] = [*sorted(workbook_teams(data))] or [None]
            for team in teams:
                record(
                    conn,
                    who,
                    "import",
                    "workspace",
                    "import",
                    None,
                    None,
                    summary,
                    utc_now(),
                    team=team,
                )
            set_info(conn, IS_DEMO, None)
        return AppliedImport(preview, backup_path)

    def save_worker(self, worker: Worker, user: str | None = None) -> None:
        """Insert or update one worker, audited."""
        if not in_scope(worker.team, self.scope):
            raise OutsideScope([worker.team], self.scope)
        with self._write() as conn:
            rows = rows_by_id(conn, tables.workers, "worker_id")
            existing = rows.get(worker.worker_id)
            if existing is not None and not in_scope(existing["team"], self.scope):
                raise OutsideScope([existing["team"]], self.scope)
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
            home = existing["home_team"] if existing else None
            if home is None:
                only = next(iter(self.scope)) if self.scope and len(self.scope) == 1 else None
                home = child.team or only
            if home is None:
                teams = self.teams()
                home = teams[0] if len(teams) == 1 else None
            if not in_scope(home, self.scope):
                raise OutsideScope([home or "no team"], self.scope)
            upsert_child(conn, child, seq, existing, self._who(conn, user), utc_now(), home)

    def remove_child(self, child_id: str, user: str | None = None) -> None:
        """Remove a new (unallocated) child; open cases are closed by importing instead."""
        with self._write() as conn:
            remove_new_child(conn, child_id, self._who(conn, user), utc_now())

    def save_settings(
        self, settings: Settings, user: str | None = None, *, team: str | None = None
    ) -> None:
        """Replace a team's settings (and week), or with no team the scope's: its one
        team's (or the workspace's only team's), else the service defaults. Audited key
        by key."""
        if team is None and self.scope is not None:
            if len(self.scope) != 1:
                raise WorkspaceError("Name the team whose settings these are.")
            team = next(iter(self.scope))
        elif team is None:
            teams = self.teams()
            team = teams[0] if len(teams) == 1 else None  # one team: its own settings
        if team is not None and not in_scope(team, self.scope):
            raise OutsideScope([team], self.scope)
        with self._write() as conn:
            replace_settings(conn, settings, self._who(conn, user), utc_now(), team)

    def settings(self, team: str | None = None) -> Settings:
        """A team's settings in effect (its own, else the service defaults)."""
        with self._read() as conn:
            return read_settings(conn, team)

    def load_for_proposal(self) -> tuple[TeamData, dict[str, int]]:
        """The scope's data and the version of each new child, read together, so a
        proposal made from them can later be told stale."""
        with self._read() as conn:
            data = read_team(conn, scope=self.scope)
            new_ids = {c.child_id for c in data.new_children()}
            versions = {
                str(row.child_id): int(row.version)
                for row in conn.execute(
                    select(tables.children.c.child_id, tables.children.c.version).where(
                        tables.children.c.child_id.in_(sorted(new_ids))
                    )
                )
            }
        return data, versions

    def store_proposal(
        self, proposal: AllocationProposal, basis: Mapping[str, int] | None = None
    ) -> None:
        """Keep the scope's pending proposal (the next replaces it, with no changes kept).

        `basis` is the version of each child as read when the proposal was made
        (`load_for_proposal`); without it, the versions now.
        """
        key = scope_key(self.scope)
        with self._write() as conn:
            set_review_choices(conn, {}, self.scope)
            known = dict(basis) if basis is not None else proposal_basis(conn, proposal)
            conn.execute(delete(tables.pending).where(tables.pending.c.scope == key))
            conn.execute(
                insert(tables.pending).values(
                    stored_at=utc_now(),
                    payload=dump_proposal(proposal),
                    scope=key,
                    basis=json.dumps(known, sort_keys=True),
                )
            )

    def save_review_choices(self, choices: Mapping[str, str | None]) -> None:
        """Keep the manager's changes to the pending proposal, so none is lost before Accept.

        `choices` maps family id -> worker id (None = leave unallocated). Closing the app or
        a crash keeps them; they are not decisions (Accept records those, with reasons).
        """
        with self._write() as conn:
            set_review_choices(conn, choices, self.scope)

    def review_choices(self) -> dict[str, str | None]:
        """The changes kept for the pending proposal ({} when none)."""
        with self._read() as conn:
            return get_review_choices(conn, self.scope)

    def _pending_row(self, conn: Connection) -> Any:
        return conn.execute(
            select(tables.pending.c.payload, tables.pending.c.basis).where(
                tables.pending.c.scope == scope_key(self.scope)
            )
        ).first()

    def pending_proposal(self) -> AllocationProposal | None:
        """The scope's pending proposal, or None (also when stored by an older version)."""
        with self._read() as conn:
            row = self._pending_row(conn)
        if row is None:
            return None
        try:
            return load_proposal(row.payload)
        except (ValueError, TypeError, KeyError):
            return None

    def _pending_basis(self, conn: Connection) -> dict[str, int] | None:
        row = self._pending_row(conn)
        if row is None or not row.basis:
            return None
        try:
            return {str(k): int(v) for k, v in json.loads(row.basis).items()}
        except (ValueError, TypeError, AttributeError):
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
        ChoiceRefused (a change breaks a hard rule or splits a family), AcceptConflict,
        WorkspaceBusy or WorkspaceError; on any error nothing of the accept is saved. The
        result carries the cap warnings of the manager's choices (rule 9). A pending
        rebalance, made before these allocations, is dropped.
        """
        with self._read() as conn:
            basis = self._pending_basis(conn)
            warnings = check_final(conn, proposal, final, override_reasons, self.scope, basis)
        backup_path = self.backup() if self.is_sqlite and backup_first else None
        with self._write() as conn:
            at = utc_now()
            allocated, left = accept_in(
                conn,
                proposal,
                final,
                override_reasons,
                self._who(conn, user),
                at,
                self.scope,
                basis,
            )
            take_snapshot(conn, read_team(conn, scope=self.scope), proposal.week, at)
            key = scope_key(self.scope)
            conn.execute(delete(tables.pending).where(tables.pending.c.scope == key))
            rebalance_pending.clear(conn, key)  # made before this week's loads: out of date
            set_review_choices(conn, {}, self.scope)
        return AcceptResult(allocated, left, backup_path, warnings)

    def pending_order(self) -> tuple[str, ...]:
        """What is pending for the scope, oldest first: 'proposal' and/or 'rebalance'."""
        key = scope_key(self.scope)
        with self._read() as conn:
            found = [
                (rebalance_pending.stored_at(conn, key), "rebalance"),
                (
                    conn.execute(
                        select(tables.pending.c.stored_at).where(tables.pending.c.scope == key)
                    ).scalar_one_or_none(),
                    "proposal",
                ),
            ]
        return tuple(kind for at, kind in sorted((a, k) for a, k in found if a is not None))

    def decisions(self, *, team: str | None = None, worker_id: str | None = None) -> list[Decision]:
        """Decisions on record within the scope, oldest first."""
        with self._read() as conn:
            return read_decisions(conn, team=team, worker_id=worker_id, scope=self.scope)

    def worker_names(self) -> dict[str, str]:
        """worker id -> name for every worker on record (leavers too), for history."""
        with self._read() as conn:
            return worker_names(conn)

    def accepted_weeks(self) -> list[date]:
        """The weeks with an accepted allocation on record, newest first."""
        with self._read() as conn:
            return accepted_weeks(conn)

    def accepted_week(self, week: date) -> AcceptedWeek:
        """The allocation accepted for `week`, as recorded (for the sheet, any time later)."""
        with self._read() as conn:
            return read_accepted_week(conn, week)

    def audit(self, *, entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
        """The audit log within the scope, oldest first."""
        with self._read() as conn:
            return read_audit(conn, entity=entity, entity_id=entity_id, scope=self.scope)

    def workload_history(
        self, *, worker_id: str | None = None, team: str | None = None
    ) -> list[LoadSnapshot]:
        """Each worker's load in each accepted week (the week's latest), oldest first."""
        with self._read() as conn:
            return read_snapshots(conn, worker_id=worker_id, team=team, scope=self.scope)

    def week_records(self) -> list[WeekRecord]:
        """Each accepted week's intake, closures and unallocated per team (the service plan)."""
        with self._read() as conn:
            return read_weeks(conn)

    def export_team(self, path: Path) -> None:
        """Write the current state as a team workbook, atomically (temp file + rename)."""
        from fsp_allocator.workbook.writer import write_team

        write_team(self.load(), Path(path))

    def add_manager(self, login: str, teams: Iterable[str], *, service: bool = False) -> Manager:
        """PostgreSQL, as the owner: a login for a manager of `teams` (or every team)."""
        with self._write() as conn:
            return add_manager(conn, login, tuple(teams), service)

    def managers(self) -> list[Manager]:
        """PostgreSQL: the managers and their teams (a manager sees only their own row)."""
        with self._read() as conn:
            return list_managers(conn) if is_postgres(conn) else []

    def remove_manager(self, login: str) -> bool:
        """PostgreSQL, as the owner: take a manager's teams away."""
        with self._write() as conn:
            return remove_manager(conn, login)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    @property
    def manager_name(self) -> str | None:
        """The manager name set in this workspace, None if never set (on PostgreSQL the login,
        always known): the app asks for it before the first accept."""
        with self._read() as conn:
            if is_postgres(conn):
                return session_login(conn)
            return get_info(conn, MANAGER_NAME)
