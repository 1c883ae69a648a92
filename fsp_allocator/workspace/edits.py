"""Changes to the roster, cases and settings, each audited field by field.

Workers leaving the roster and closed cases are kept (marked `removed_at` / `closed_at`)
so decisions and load history keep pointing at them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from fsp_allocator.domain import Child, Settings, Worker
from fsp_allocator.settings import settings_rows
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.audit import changed_fields, record, record_changes, visible_summary
from fsp_allocator.workspace.codec import child_row, dump_settings, worker_row
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.state import (
    SETTINGS,
    WEEK,
    bump_child,
    get_info,
    read_settings,
    set_info,
    team_key,
)


def upsert_worker(
    conn: Connection,
    worker: Worker,
    seq: int,
    existing: dict[str, Any] | None,
    user: str,
    at: datetime,
) -> bool:
    """Insert or update a worker (back on the roster if removed); True if anything changed."""
    row = worker_row(worker, seq)
    if existing is None:
        conn.execute(insert(tables.workers).values(**row, removed_at=None))
        record(
            conn,
            user,
            "insert",
            "worker",
            worker.worker_id,
            None,
            None,
            visible_summary(row),
            at,
            team=worker.team,
        )
        return True
    changes = changed_fields(existing, row)
    reinstated = existing["removed_at"] is not None
    if changes or reinstated or existing["seq"] != seq:
        conn.execute(
            update(tables.workers)
            .where(tables.workers.c.worker_id == worker.worker_id)
            .values(**row, removed_at=None)
        )
    if reinstated:
        record(
            conn,
            user,
            "update",
            "worker",
            worker.worker_id,
            "on_roster",
            "no",
            "yes",
            at,
            team=worker.team,
        )
    record_changes(conn, user, "worker", worker.worker_id, changes, at, team=worker.team)
    return bool(changes) or reinstated


def remove_worker(conn: Connection, worker_id: str, user: str, at: datetime) -> None:
    """Take a worker off the roster; refused while they lead open children."""
    leads = conn.execute(
        select(tables.children.c.child_id).where(
            tables.children.c.worker_id == worker_id, tables.children.c.closed_at.is_(None)
        )
    ).first()
    if leads is not None:
        raise WorkspaceError(
            f"Worker {worker_id} still leads open cases: reallocate or close them first."
        )
    team = conn.execute(
        select(tables.workers.c.team).where(tables.workers.c.worker_id == worker_id)
    ).scalar_one_or_none()
    done = conn.execute(
        update(tables.workers)
        .where(tables.workers.c.worker_id == worker_id, tables.workers.c.removed_at.is_(None))
        .values(removed_at=at)
    )
    if done.rowcount:
        record(conn, user, "delete", "worker", worker_id, "on_roster", "yes", "no", at, team=team)


def close_worker(
    conn: Connection, worker_id: str, user: str, at: datetime, team: str | None = None
) -> None:
    """Mark a worker no longer on the imported roster (their closed cases keep their id)."""
    conn.execute(
        update(tables.workers).where(tables.workers.c.worker_id == worker_id).values(removed_at=at)
    )
    record(conn, user, "close", "worker", worker_id, "on_roster", "yes", "no", at, team=team)


def upsert_child(
    conn: Connection,
    child: Child,
    seq: int,
    existing: dict[str, Any] | None,
    user: str,
    at: datetime,
    home_team: str | None = None,
) -> bool:
    """Insert or update a child's case (reopened if closed); True if anything changed.

    `home_team` is the team whose case it is (the scope its row belongs to); None keeps
    the row's own (or, for a new row, the child's `team`).
    """
    row = child_row(child, seq)
    if home_team is None:
        home_team = existing["home_team"] if existing else child.team
    row["home_team"] = home_team
    if existing is None:
        conn.execute(insert(tables.children).values(**row, closed_at=None, version=1))
        record(
            conn,
            user,
            "insert",
            "child",
            child.child_id,
            None,
            None,
            visible_summary(row),
            at,
            team=home_team,
        )
        return True
    changes = changed_fields(existing, row)
    reopened = existing["closed_at"] is not None
    if changes or reopened or existing["seq"] != seq:
        bump_child(conn, child.child_id, {**row, "closed_at": None})
    if reopened:
        record(
            conn, user, "update", "child", child.child_id, "open", "no", "yes", at, team=home_team
        )
    record_changes(conn, user, "child", child.child_id, changes, at, team=home_team)
    return bool(changes) or reopened


def close_child(
    conn: Connection, child_id: str, user: str, at: datetime, team: str | None = None
) -> None:
    """Close an open case that is no longer in the imported workbook."""
    bump_child(conn, child_id, {"closed_at": at})
    record(conn, user, "close", "child", child_id, "open", "yes", "no", at, team=team)


def remove_new_child(conn: Connection, child_id: str, user: str, at: datetime) -> None:
    """Remove a new (unallocated) child; one with decisions on record is closed instead."""
    row = conn.execute(
        select(tables.children).where(tables.children.c.child_id == child_id)
    ).first()
    if row is None or row.closed_at is not None:
        return
    if row.worker_id is not None:
        raise WorkspaceError(
            f"Child {child_id} is an open case: close it by importing the team workbook."
        )
    has_decisions = conn.execute(
        select(tables.decisions.c.id).where(tables.decisions.c.child_id == child_id)
    ).first()
    if has_decisions is not None:
        bump_child(conn, child_id, {"closed_at": at})
    else:
        conn.execute(delete(tables.children).where(tables.children.c.child_id == child_id))
    record(conn, user, "delete", "child", child_id, None, row.stage, None, at, team=row.home_team)


def replace_settings(
    conn: Connection, settings: Settings, user: str, at: datetime, team: str | None = None
) -> bool:
    """Store a team's settings (and week), or with `team` None the service defaults.

    One audit row per changed key (entity id: the team, or "settings" for the service).
    True if any changed.
    """
    key = team_key(SETTINGS, team)
    before = dict(settings_rows(read_settings(conn, team))) if get_info(conn, key) else {}
    after = dict(settings_rows(settings))
    changes = [(k, before.get(k), v) for k, v in after.items() if before.get(k) != v]
    set_info(conn, key, dump_settings(settings))
    set_info(conn, team_key(WEEK, team), settings.week.isoformat())
    record_changes(
        conn, user, "settings", team or "settings", changes, at, action="settings", team=team
    )
    return bool(changes)
