"""Reading and writing the workspace's current state: roster, open cases, settings, info."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from fsp_allocator.domain import TeamData
from fsp_allocator.settings import default_settings
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.codec import load_settings, row_child, row_worker

MANAGER_NAME = "manager_name"
IS_DEMO = "is_demo"
SETTINGS = "settings"
WEEK = "week"
REVIEW_CHOICES = "review_choices"


def get_info(conn: Connection, key: str) -> str | None:
    """One `workspace_info` value, or None."""
    value: str | None = conn.execute(
        select(tables.info.c.value).where(tables.info.c.key == key)
    ).scalar_one_or_none()
    return value


def set_info(conn: Connection, key: str, value: str | None) -> None:
    """Set (or with None, remove) one `workspace_info` value."""
    conn.execute(delete(tables.info).where(tables.info.c.key == key))
    if value is not None:
        conn.execute(insert(tables.info).values(key=key, value=value))


def set_review_choices(conn: Connection, choices: Mapping[str, str | None]) -> None:
    """Keep the manager's changes to the pending proposal (family -> worker; None = nobody)."""
    set_info(conn, REVIEW_CHOICES, json.dumps(dict(sorted(choices.items()))) if choices else None)


def get_review_choices(conn: Connection) -> dict[str, str | None]:
    """The kept changes to the pending proposal; {} when none (or unreadable)."""
    raw = get_info(conn, REVIEW_CHOICES)
    try:
        loaded = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(f): None if w is None else str(w) for f, w in loaded.items()}


def read_team(conn: Connection, today: date | None = None) -> TeamData:
    """The whole workspace: roster on record, open cases in row order, settings."""
    workers = tuple(
        row_worker(dict(row._mapping))
        for row in conn.execute(
            select(tables.workers)
            .where(tables.workers.c.removed_at.is_(None))
            .order_by(tables.workers.c.seq)
        )
    )
    children = tuple(
        row_child(dict(row._mapping))
        for row in conn.execute(
            select(tables.children)
            .where(tables.children.c.closed_at.is_(None))
            .order_by(tables.children.c.seq)
        )
    )
    stored_week = get_info(conn, WEEK)
    week = date.fromisoformat(stored_week) if stored_week else (today or date.today())
    stored = get_info(conn, SETTINGS)
    settings = load_settings(stored, week) if stored else default_settings(week)
    return TeamData(workers, children, settings)


def rows_by_id(conn: Connection, table: Any, key: str) -> dict[str, dict[str, Any]]:
    """Every row of `table` (including removed or closed ones) by its id."""
    return {row._mapping[key]: dict(row._mapping) for row in conn.execute(select(table))}


def next_seq(conn: Connection, table: Any) -> int:
    """The sequence number after the last row of `table`."""
    last = conn.execute(select(func.max(table.c.seq))).scalar_one_or_none()
    return int(last) + 1 if last is not None else 0


def bump_child(conn: Connection, child_id: str, values: dict[str, Any]) -> None:
    """Update a child's row and its version."""
    conn.execute(
        update(tables.children)
        .where(tables.children.c.child_id == child_id)
        .values(**values, version=tables.children.c.version + 1)
    )
