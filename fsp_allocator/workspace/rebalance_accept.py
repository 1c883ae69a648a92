"""Accept a rebalance: each moved child's worker changes, on record, all or nothing.

The plan's moves, with the manager's `changes` (family -> another worker, or None: it
stays), are checked first: every change needs a reason and must pass the hard rules (the
core's `check_rebalance_choices`, refused as ChoiceRefused). Then, in the caller's one
transaction, each child moves only if it is still open, still with the worker the plan
moves it from, and unchanged since the plan was read (`UPDATE ... WHERE worker_id = from
AND version = basis`, rowcount checked): any child that changed meanwhile makes the whole
accept fail with RebalanceConflict naming it, and the transaction is rolled back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from fsp_allocator.domain import ChildId, FamilyId, WorkerId
from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.audit import record
from fsp_allocator.workspace.chain import append
from fsp_allocator.workspace.errors import (
    ChoiceRefused,
    OverrideReasonRequired,
    RebalanceConflict,
    WorkspaceError,
)
from fsp_allocator.workspace.scope import Scope
from fsp_allocator.workspace.state import read_team

Basis = Mapping[str, int]
Changes = Mapping[FamilyId, WorkerId | None]


@dataclass(frozen=True, slots=True)
class FinalMove:
    """One child of the plan as it will be recorded: from, the plan's choice, the final one."""

    child_id: ChildId
    family_id: FamilyId
    from_worker_id: WorkerId
    proposed_worker_id: WorkerId | None  # None: the plan left it unplaced
    to_worker_id: WorkerId  # == from_worker_id: it stays
    reasons: tuple[str, ...]
    manager_reason: str | None

    @property
    def moves(self) -> bool:
        """Whether the child's worker changes."""
        return self.to_worker_id != self.from_worker_id


def rebalance_children(result: RebalanceResult) -> dict[ChildId, FamilyId]:
    """Every child the plan moves or leaves unplaced, with its family."""
    found = {m.child_id: m.family_id for m in result.moves}
    found.update({u.child_id: u.family_id for u in result.unplaced})
    return found


def rebalance_basis(conn: Connection, result: RebalanceResult) -> dict[str, int]:
    """The version of each of the plan's children as the database holds it now."""
    ids = sorted(rebalance_children(result))
    query = select(tables.children.c.child_id, tables.children.c.version)
    rows = conn.execute(query.where(tables.children.c.child_id.in_(ids)))
    return {str(row.child_id): int(row.version) for row in rows}


def final_moves(
    result: RebalanceResult, changes: Changes, reasons: Mapping[FamilyId, str]
) -> list[FinalMove]:
    """The plan with the manager's changes: every moved child, and unplaced ones given a
    worker. Raises WorkspaceError for a family not in the plan, OverrideReasonRequired for
    a change without a reason."""
    families = set(rebalance_children(result).values())
    strangers = sorted(f for f in changes if f not in families)
    if strangers:
        raise WorkspaceError(
            f"Family {strangers[0]} is not moved or left unplaced by the pending rebalance: "
            "rebalance again, or choose a family the plan names."
        )
    planned = {m.family_id: m.to_worker_id for m in result.moves}
    changed = [f for f in changes if changes[f] != planned.get(f)]
    missing = [f for f in changed if not (reasons.get(f) or "").strip()]
    if missing:
        raise OverrideReasonRequired(missing)
    lines: list[FinalMove] = []
    for m in result.moves:
        to = changes.get(m.family_id, m.to_worker_id) or m.from_worker_id
        why = (reasons.get(m.family_id) or "").strip() or None
        lines.append(
            FinalMove(m.child_id, m.family_id, m.from_worker_id, m.to_worker_id, to, m.reasons, why)
        )
    for u in result.unplaced:
        chosen = changes.get(u.family_id)
        if chosen is not None and chosen != u.from_worker_id:
            why = (reasons.get(u.family_id) or "").strip() or None
            lines.append(
                FinalMove(u.child_id, u.family_id, u.from_worker_id, None, chosen, (u.reason,), why)
            )
    return lines


def check_changes(
    conn: Connection,
    result: RebalanceResult,
    changes: Changes,
    lines: list[FinalMove],
    scope: Scope,
) -> tuple[str, ...]:
    """Refuse changes that break a hard rule (ChoiceRefused, rule named), judged on the
    scope's data as it is now by the core's one check; returns the warnings: the plan's,
    and the caps a changed move goes over (rule 9)."""
    moving = {f: w for f, w in changes.items() if w is not None}
    if not moving:
        return result.warnings
    # the engine's rules, only when accepting: the window starts without the solver
    from fsp_allocator.rebalance.cap_warnings import change_warnings
    from fsp_allocator.rebalance.choices import check_rebalance_choices

    data = read_team(conn, scope=scope)
    verdict = check_rebalance_choices(data, moving, result.released)
    if not verdict.ok:
        raise ChoiceRefused(verdict.refusals)
    final = {line.family_id: line.to_worker_id for line in lines if line.moves}
    changed = {f: w for f, w in moving.items() if final.get(f) == w}
    kept = tuple(w for w in result.warnings if not any(f"Family {f} " in w for f in changes))
    return kept + change_warnings(data, result.released, final, changed)


def _conflict(conn: Connection, line: FinalMove, basis: Basis | None) -> RebalanceConflict | None:
    row = conn.execute(
        select(tables.children).where(tables.children.c.child_id == line.child_id)
    ).first()
    if row is None or row.closed_at is not None:
        return RebalanceConflict(line.child_id, line.family_id, "was closed")
    if row.worker_id != line.from_worker_id:
        now = row.worker_id or "no one"
        return RebalanceConflict(line.child_id, line.family_id, f"was moved to {now}")
    if basis is not None and basis.get(line.child_id) != row.version:
        return RebalanceConflict(line.child_id, line.family_id, "was edited")
    return None


def first_conflict(
    conn: Connection, lines: list[FinalMove], basis: Basis | None
) -> RebalanceConflict | None:
    """The first child of the plan that changed since it was read, as the error to raise."""
    for line in lines:
        found = _conflict(conn, line, basis)
        if found is not None:
            return found
    return None


def _move(conn: Connection, line: FinalMove, basis: Basis | None) -> None:
    children = tables.children
    where = [
        children.c.child_id == line.child_id,
        children.c.worker_id == line.from_worker_id,
        children.c.closed_at.is_(None),
    ]
    if basis is not None and line.child_id in basis:
        where.append(children.c.version == basis[line.child_id])
    done = conn.execute(
        update(children)
        .where(*where)
        .values(
            worker_id=line.to_worker_id,
            previous_worker_id=line.from_worker_id,
            version=children.c.version + 1,
        )
    )
    if done.rowcount != 1:
        raise _conflict(conn, line, basis) or RebalanceConflict(
            line.child_id, line.family_id, "changed"
        )


def accept_rebalance_in(
    conn: Connection,
    result: RebalanceResult,
    lines: list[FinalMove],
    user: str,
    at: datetime,
    basis: Basis | None,
) -> int:
    """Move the children, one decision row each (kind 'move') and audit rows; returns how
    many moved. Raises RebalanceConflict (the caller's transaction rolls everything back)."""
    conflict = first_conflict(conn, lines, basis)
    if conflict is not None:
        raise conflict
    moved = 0
    for line in lines:
        row = conn.execute(
            select(tables.children.c.home_team, tables.children.c.previous_worker_id).where(
                tables.children.c.child_id == line.child_id
            )
        ).one()
        if line.moves:
            _move(conn, line, basis)
            team = row.home_team
            record(
                conn,
                user,
                "move",
                "child",
                line.child_id,
                "worker_id",
                line.from_worker_id,
                line.to_worker_id,
                at,
                team=team,
            )
            if row.previous_worker_id != line.from_worker_id:
                record(
                    conn,
                    user,
                    "update",
                    "child",
                    line.child_id,
                    "previous_worker_id",
                    row.previous_worker_id,
                    line.from_worker_id,
                    at,
                    team=team,
                )
            moved += 1
        append(
            conn,
            "decisions",
            {
                "week": result.week,
                "child_id": line.child_id,
                "family_id": line.family_id,
                "team": row.home_team,
                "worker_id": line.to_worker_id,
                "proposed_worker_id": line.proposed_worker_id,
                "decided_by": user,
                "decided_at": at,
                "reasons": json.dumps(list(line.reasons)),
                "manager_reason": line.manager_reason,
                "kind": "move",
                "from_worker_id": line.from_worker_id,
            },
        )
    return moved
