"""Decisions on record and workload history: read back for review over the weeks."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import Connection, insert, select

from fsp_allocator.domain import TeamData
from fsp_allocator.weighting import worker_loads
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.records import Decision, LoadSnapshot


def take_snapshot(conn: Connection, data: TeamData, week: date, at: datetime) -> int:
    """Record every worker's capacity, load, court load and children; returns the count."""
    loads = worker_loads(data)
    rows = [
        {
            "week": week,
            "taken_at": at,
            "worker_id": worker.worker_id,
            "team": worker.team,
            "capacity": loads[worker.worker_id].capacity,
            "load": loads[worker.worker_id].load,
            "court": loads[worker.worker_id].court,
            "children": loads[worker.worker_id].children,
        }
        for worker in data.workers
    ]
    if rows:
        conn.execute(insert(tables.load_snapshots), rows)
    return len(rows)


def read_snapshots(
    conn: Connection, *, worker_id: str | None = None, team: str | None = None
) -> list[LoadSnapshot]:
    """Load snapshots, oldest first, optionally for one worker or one team."""
    table = tables.load_snapshots
    query = select(table).order_by(table.c.taken_at, table.c.id)
    if worker_id is not None:
        query = query.where(table.c.worker_id == worker_id)
    if team is not None:
        query = query.where(table.c.team == team)
    return [
        LoadSnapshot(
            week=row.week,
            taken_at=row.taken_at.replace(tzinfo=UTC),
            worker_id=row.worker_id,
            team=row.team,
            capacity=row.capacity,
            load=row.load,
            court=row.court,
            children=row.children,
        )
        for row in conn.execute(query)
    ]


def read_decisions(
    conn: Connection, *, team: str | None = None, worker_id: str | None = None
) -> list[Decision]:
    """Decisions, oldest first, optionally for one team or one chosen worker."""
    table = tables.decisions
    query = select(table).order_by(table.c.id)
    if team is not None:
        query = query.where(table.c.team == team)
    if worker_id is not None:
        query = query.where(table.c.worker_id == worker_id)
    return [
        Decision(
            week=row.week,
            child_id=row.child_id,
            family_id=row.family_id,
            worker_id=row.worker_id,
            proposed_worker_id=row.proposed_worker_id,
            decided_by=row.decided_by,
            decided_at=row.decided_at.replace(tzinfo=UTC),
            reasons=tuple(json.loads(row.reasons)),
            manager_reason=row.manager_reason,
        )
        for row in conn.execute(query)
    ]
