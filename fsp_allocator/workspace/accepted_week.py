"""An accepted week read back from the record, as the allocation sheet prints it.

The decisions of the week (the latest per child, when a week was accepted more than once)
give who leads each child, what the engine proposed and why, and the manager's reason; the
load snapshots taken at the accept give every worker's figures after it. The figures
"before" are those loads less the week's own allocation, so they add up on the sheet.
Children and workers are read including the closed and removed ones: a record stays whole.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, select

from fsp_allocator.allocation.proposal import (
    AllocationProposal,
    ChildAllocation,
    UnallocatedChild,
    WorkloadLine,
)
from fsp_allocator.domain import Child, ChildId, FamilyId, Settings, TeamName, Worker, WorkerId
from fsp_allocator.weighting import child_weights, court_cap
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.codec import row_child, row_worker
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.state import read_team

ACCEPTED = "ACCEPTED"


@dataclass(frozen=True, slots=True)
class AcceptedWeek:
    """One accepted week: the allocation as recorded, by whom and when it was accepted."""

    week: date
    accepted_by: tuple[str, ...]  # each manager who accepted part of it, first first
    accepted_at: datetime  # the last accept of the week (UTC)
    proposal: AllocationProposal  # status ACCEPTED; reasons include the manager's


def accepted_weeks(conn: Connection) -> list[date]:
    """The weeks with decisions on record, newest first."""
    table = tables.decisions
    query = select(table.c.week).distinct().where(tables.is_allocation())
    rows = conn.execute(query.order_by(table.c.week.desc()))
    return [row.week for row in rows]


def _manager_note(proposed: str, reason: str | None) -> str:
    note = f"Changed by the manager (proposed: {proposed})"
    return f"{note}: {reason}" if reason else note


def read_accepted_week(conn: Connection, week: date) -> AcceptedWeek:
    """The allocation accepted for `week`, from the decisions and load snapshots on record."""
    decisions = conn.execute(
        select(tables.decisions)
        .where(tables.decisions.c.week == week, tables.is_allocation())
        .order_by(tables.decisions.c.id)
    ).all()
    if not decisions:
        raise WorkspaceError(f"No allocation was accepted for the week of {week:%d %B %Y}.")
    latest = {row.child_id: row for row in decisions}  # a later accept of a child wins
    settings = read_team(conn).settings
    children = [row_child(dict(r._mapping)) for r in conn.execute(select(tables.children))]
    by_child = {c.child_id: c for c in children}
    weights = child_weights(children, settings)
    workers = {
        w.worker_id: w
        for w in (row_worker(dict(r._mapping)) for r in conn.execute(select(tables.workers)))
    }

    def name(worker_id: str | None) -> str:
        if worker_id is None:
            return "no one (unallocated)"
        return workers[WorkerId(worker_id)].name if worker_id in workers else worker_id

    allocations: list[ChildAllocation] = []
    unallocated: list[UnallocatedChild] = []
    for row in latest.values():
        reasons = tuple(json.loads(row.reasons))
        if row.worker_id != row.proposed_worker_id:  # the manager's decision first
            proposed = name(row.proposed_worker_id)
            engine = (f"The engine proposed {proposed} because:", *reasons) if reasons else ()
            reasons = (_manager_note(proposed, row.manager_reason), *engine)
        child = by_child.get(row.child_id)
        team = TeamName(row.team) if row.team else None
        if row.worker_id is None:
            unallocated.append(
                UnallocatedChild(
                    ChildId(row.child_id),
                    FamilyId(row.family_id),
                    " ".join(reasons) or "left unallocated",
                    team,
                )
            )
            continue
        allocations.append(
            ChildAllocation(
                child_id=ChildId(row.child_id),
                family_id=FamilyId(row.family_id),
                worker_id=WorkerId(row.worker_id),
                adult_worker_ids=child.adult_worker_ids if child else (),
                continuity=bool(child and child.previous_worker_id == row.worker_id),
                weight=weights.get(ChildId(row.child_id), 0.0),
                reasons=reasons,
                team=team,
            )
        )
    workload = _workload(conn, week, allocations, by_child, workers, settings)
    managers = tuple(dict.fromkeys(row.decided_by for row in latest.values()))
    at = max(row.decided_at for row in latest.values()).replace(tzinfo=UTC)
    proposal = AllocationProposal(
        status=ACCEPTED,
        week=week,
        solve_seconds=0.0,
        objective=0,
        bound=0,
        allocations=tuple(allocations),
        unallocated=tuple(unallocated),
        workload=workload,
    )
    return AcceptedWeek(week, managers, at, proposal)


def _workload(
    conn: Connection,
    week: date,
    allocations: list[ChildAllocation],
    by_child: Mapping[ChildId, Child],
    workers: Mapping[WorkerId, Worker],
    settings: Settings,
) -> tuple[WorkloadLine, ...]:
    """Each worker's line at the week's (last) accept; before = after less the week's own."""
    table = tables.load_snapshots
    snapshots = {
        row.worker_id: row
        for row in conn.execute(
            select(table).where(table.c.week == week).order_by(table.c.taken_at, table.c.id)
        )
    }
    added: dict[str, tuple[float, int, set[str]]] = {}
    for a in allocations:
        load, count, court = added.get(a.worker_id, (0.0, 0, set()))
        child = by_child.get(a.child_id)
        if child is not None and child.stage.is_court:
            court = court | {a.family_id}
        added[a.worker_id] = (load + a.weight, count + 1, court)
    lines = []
    for worker_id, snap in snapshots.items():
        worker = workers.get(WorkerId(worker_id))
        if worker is None:
            continue
        load, count, court = added.get(worker_id, (0.0, 0, set()))
        lines.append(
            WorkloadLine(
                worker_id=worker.worker_id,
                name=worker.name,
                role=worker.role,
                team=TeamName(snap.team),
                capacity=snap.capacity,
                children_before=max(0, snap.children - count),
                children_after=snap.children,
                load_before=round(max(0.0, snap.load - load), 2),
                load_after=snap.load,
                court_before=max(0, snap.court - len(court)),
                court_after=snap.court,
                court_cap=court_cap(worker, settings) if worker.role.leads else None,
            )
        )
    return tuple(lines)
