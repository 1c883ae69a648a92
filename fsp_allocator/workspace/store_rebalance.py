"""The scope's pending rebalance and its accept (`Workspace`'s, through this mixin).

A rebalance plan is read with the version of every open child (`load_for_rebalance`), kept
pending with that basis (`store_rebalance`), and accepted in one transaction after a backup,
refused whole when a child changed since (`accept_rebalance`).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select

from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.workspace import rebalance_pending, tables
from fsp_allocator.workspace.audit import utc_now
from fsp_allocator.workspace.history import take_snapshot
from fsp_allocator.workspace.rebalance_accept import (
    accept_rebalance_in,
    check_changes,
    final_moves,
    first_conflict,
    rebalance_basis,
)
from fsp_allocator.workspace.records import RebalanceAccepted
from fsp_allocator.workspace.scope import scope_key
from fsp_allocator.workspace.state import read_team, set_review_choices
from fsp_allocator.workspace.store_backups import BackupsMixin


class RebalanceMixin(BackupsMixin):
    """The pending rebalance: read, keep, drop and accept it (the accept backs up first)."""

    def load_for_rebalance(self) -> tuple[TeamData, dict[str, int]]:
        """The scope's data and the version of each open child, read together, so a
        rebalance made from them can later be told out of date."""
        with self._read() as conn:
            data = read_team(conn, scope=self.scope)
            ids = sorted(c.child_id for c in data.open_children())
            query = select(tables.children.c.child_id, tables.children.c.version)
            rows = conn.execute(query.where(tables.children.c.child_id.in_(ids)))
            versions = {str(row.child_id): int(row.version) for row in rows}
        return data, versions

    def store_rebalance(
        self, result: RebalanceResult, basis: Mapping[str, int] | None = None
    ) -> None:
        """Keep the scope's pending rebalance (the next replaces it).

        `basis` is the version of each child as read when the plan was made
        (`load_for_rebalance`: every open child, so a plan at any other frontier point of
        the same run can be accepted against it); without it, the versions now.
        """
        with self._write() as conn:
            known = dict(basis) if basis is not None else rebalance_basis(conn, result)
            rebalance_pending.store(conn, scope_key(self.scope), result, known)

    def pending_rebalance(self) -> RebalanceResult | None:
        """The scope's pending rebalance, or None."""
        with self._read() as conn:
            return rebalance_pending.pending(conn, scope_key(self.scope))

    def clear_rebalance(self) -> None:
        """Drop the scope's pending rebalance, if any."""
        with self._write() as conn:
            rebalance_pending.clear(conn, scope_key(self.scope))

    def accept_rebalance(
        self,
        result: RebalanceResult,
        reasons: Mapping[FamilyId, str] | None = None,
        changes: Mapping[FamilyId, WorkerId | None] | None = None,
        user: str | None = None,
    ) -> RebalanceAccepted:
        """Apply the rebalance: a backup first (SQLite), then in one transaction each moved
        child's worker (previous worker set to the old one), one 'move' decision per child
        and audit rows; the pending rebalance is cleared, and so is a pending weekly
        proposal (made before these moves, it must be made again: `dropped_proposal`).

        `changes` changes or undoes a move (family -> another worker, or None: it stays),
        each with a reason in `reasons`. Raises OverrideReasonRequired, ChoiceRefused (a
        hard rule), RebalanceConflict (a child changed since the plan: nothing is applied),
        WorkspaceBusy or WorkspaceError.
        """
        reasons = reasons or {}
        changes = changes or {}
        key = scope_key(self.scope)
        lines = final_moves(result, changes, reasons)
        with self._read() as conn:
            basis = rebalance_pending.basis(conn, key)
            warnings = check_changes(conn, result, changes, lines, self.scope)
            conflict = first_conflict(conn, lines, basis)
        if conflict is not None:
            raise conflict
        backup_path = self.backup() if self.is_sqlite else None
        with self._write() as conn:
            at = utc_now()
            moved = accept_rebalance_in(conn, result, lines, self._who(conn, user), at, basis)
            take_snapshot(conn, read_team(conn, scope=self.scope), result.week, at)
            rebalance_pending.clear(conn, key)
            dropped = conn.execute(delete(tables.pending).where(tables.pending.c.scope == key))
            if dropped.rowcount:  # made before these moves: its loads and siblings are stale
                set_review_choices(conn, {}, self.scope)
        return RebalanceAccepted(moved, backup_path, warnings, bool(dropped.rowcount))
