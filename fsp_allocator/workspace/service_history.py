"""What the service report and the plan need from a workspace's history.

Per accepted week (a distinct `week` of the decisions, accepted at its latest decision's
time) and per team: the weight of the new children decided that week (allocated or left
unallocated; a child counts once, in the first week it was decided), the weight of the open
cases closed since the previous accepted week (for the first, in the 7 days before it), and
the children left unallocated. Weights are today's (the current settings, siblings
discounted as in `weighting.child_weights` over every child ever held).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select

from fsp_allocator.domain import Child
from fsp_allocator.settings import default_settings
from fsp_allocator.weighting import child_weights
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.codec import load_settings, row_child
from fsp_allocator.workspace.state import SETTINGS, get_info

FIRST_WEEK_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class WeekRecord:
    """One accepted week: per team, intake and closures (weighted units), unallocated."""

    week: date
    accepted_at: datetime
    intake: dict[str, float]
    closures: dict[str, float]
    unallocated: dict[str, int]


def _all_children(conn: Connection) -> tuple[list[Child], dict[str, datetime | None]]:
    rows = [
        dict(r._mapping)
        for r in conn.execute(select(tables.children).order_by(tables.children.c.seq))
    ]
    return [row_child(r) for r in rows], {r["child_id"]: r["closed_at"] for r in rows}


def _worker_teams(conn: Connection) -> dict[str, str]:
    query = select(tables.workers.c.worker_id, tables.workers.c.team)
    return {row.worker_id: row.team for row in conn.execute(query)}


def read_weeks(conn: Connection) -> list[WeekRecord]:
    """Every accepted week, oldest first, with its per-team intake, closures and unallocated."""
    stored = get_info(conn, SETTINGS)
    today = date.today()
    settings = load_settings(stored, today) if stored else default_settings(today)
    children, closed_at = _all_children(conn)
    weights: dict[str, float] = {str(k): v for k, v in child_weights(children, settings).items()}
    by_id: dict[str, Child] = {c.child_id: c for c in children}
    worker_team = _worker_teams(conn)
    d = tables.decisions
    decided: dict[date, dict[str, tuple[str | None, str | None]]] = defaultdict(dict)
    accepted_at: dict[date, datetime] = {}
    first_week: dict[str, date] = {}
    query = select(d.c.week, d.c.child_id, d.c.team, d.c.worker_id, d.c.decided_at)
    query = query.where(tables.is_allocation()).order_by(d.c.id)
    for row in conn.execute(query):
        decided[row.week][row.child_id] = (row.team, row.worker_id)  # the latest per child
        accepted_at[row.week] = max(accepted_at.get(row.week, row.decided_at), row.decided_at)
        first_week.setdefault(row.child_id, row.week)
    weeks = sorted(accepted_at)
    records: list[WeekRecord] = []
    previous: datetime | None = None
    for week in weeks:
        at = accepted_at[week]
        start = previous if previous is not None else at - FIRST_WEEK_WINDOW
        intake: dict[str, float] = defaultdict(float)
        unallocated: dict[str, int] = defaultdict(int)
        for child_id, (team, worker_id) in decided[week].items():
            key = team or worker_team.get(worker_id or "", "")
            if first_week[child_id] == week:
                intake[key] += weights.get(child_id, 0.0)
            if worker_id is None:
                unallocated[key] += 1
        closures: dict[str, float] = defaultdict(float)
        for child_id, when in closed_at.items():
            child = by_id[child_id]
            if when is None or child.worker_id is None or not start < when <= at:
                continue
            key = child.team or worker_team.get(child.worker_id, "")
            closures[key] += weights.get(child_id, 0.0)
        records.append(WeekRecord(week, at, dict(intake), dict(closures), dict(unallocated)))
        previous = at
    return records
