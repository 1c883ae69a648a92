"""Decisions on record and workload history: read back for review over the weeks.

One load snapshot per worker per week: accepting again in a week appends a snapshot only
for workers whose figures changed (the table is append-only), and reading keeps the latest
of each worker's week.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, insert, or_, select

from fsp_allocator.domain import TeamData
from fsp_allocator.weighting import worker_loads
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.records import Decision, LoadSnapshot
from fsp_allocator.workspace.scope import Scope


def _latest_this_week(conn: Connection, week: date) -> dict[str, tuple[Any, ...]]:
    table = tables.load_snapshots
    latest: dict[str, tuple[Any, ...]] = {}
    for row in conn.execute(select(table).where(table.c.week == week).order_by(table.c.id)):
        latest[row.worker_id] = (row.team, row.capacity, row.load, row.court, row.children)
    return latest


def take_snapshot(conn: Connection, data: TeamData, week: date, at: datetime) -> int:
    """Record each worker's capacity, load, court load and children where they changed
    since the week's last snapshot; returns the number recorded."""
    loads = worker_loads(data)
    before = _latest_this_week(conn, week)
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
    rows = [
        r
        for r in rows
        if before.get(str(r["worker_id"]))
        != (r["team"], r["capacity"], r["load"], r["court"], r["children"])
    ]
    if rows:
        conn.execute(insert(tables.load_snapshots), rows)
    return len(rows)


def read_snapshots(
    conn: Connection,
    *,
    worker_id: str | None = None,
    team: str | None = None,
    scope: Scope = None,
) -> list[LoadSnapshot]:
    """The latest load snapshot of each worker's week, oldest first, optionally for one
    worker or one team, within a scope."""
    table = tables.load_snapshots
    query = select(table).order_by(table.c.taken_at, table.c.id)
    if worker_id is not None:
        query = query.where(table.c.worker_id == worker_id)
    if team is not None:
        query = query.where(table.c.team == team)
    if scope is not None:
        query = query.where(table.c.team.in_(sorted(scope)))
    rows = list(conn.execute(query))
    latest = {(row.worker_id, row.week): row.id for row in rows}
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
        for row in rows
        if latest[(row.worker_id, row.week)] == row.id
    ]


def read_decisions(
    conn: Connection,
    *,
    team: str | None = None,
    worker_id: str | None = None,
    scope: Scope = None,
) -> list[Decision]:
    """Decisions, oldest first, optionally for one team or one chosen worker, in a scope."""
    table = tables.decisions
    query = select(table).order_by(table.c.id)
    if scope is not None:
        query = query.where(table.c.team.in_(sorted(scope)))
    if team is not None:
        query = query.where(table.c.team == team)
    if worker_id is not None:  # a move counts for the worker it left too (a leaver's history)
        query = query.where(
            or_(table.c.worker_id == worker_id, table.c.from_worker_id == worker_id)
        )
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
            kind=row.kind or "allocation",
            from_worker_id=row.from_worker_id,
        )
        for row in conn.execute(query)
    ]
