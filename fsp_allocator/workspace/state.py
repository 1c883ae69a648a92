"""Reading and writing the workspace's current state: roster, open cases, settings, info.

Everything is read within a scope (`scope.py`): the roster of its teams, the cases whose
home team is one of them, and the settings of the team (a team's own settings, else the
service defaults; a scope of several teams reads the service defaults).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from fsp_allocator.domain import Settings, TeamData
from fsp_allocator.settings import default_settings
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.codec import load_settings, row_child, row_worker
from fsp_allocator.workspace.scope import Scope, scope_key

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


def team_key(key: str, team: str | None) -> str:
    """A `workspace_info` key of one team (`settings:North`), or the service's (`settings`)."""
    return key if team is None else f"{key}:{team}"


def _choices_key(scope: Scope) -> str:
    return REVIEW_CHOICES if scope is None else f"{REVIEW_CHOICES}:{scope_key(scope)}"


def set_review_choices(
    conn: Connection, choices: Mapping[str, str | None], scope: Scope = None
) -> None:
    """Keep the manager's changes to the pending proposal (family -> worker; None = nobody)."""
    text = json.dumps(dict(sorted(choices.items()))) if choices else None
    set_info(conn, _choices_key(scope), text)


def get_review_choices(conn: Connection, scope: Scope = None) -> dict[str, str | None]:
    """The kept changes to the pending proposal; {} when none (or unreadable)."""
    raw = get_info(conn, _choices_key(scope))
    try:
        loaded = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(f): None if w is None else str(w) for f, w in loaded.items()}


def settings_team(scope: Scope) -> str | None:
    """The team whose own settings a scope reads: its one team, else None (the service's)."""
    return next(iter(scope)) if scope is not None and len(scope) == 1 else None


def read_settings(conn: Connection, team: str | None, today: date | None = None) -> Settings:
    """A team's settings and week, falling back to the service defaults, then the built-in."""
    stored_week = (team and get_info(conn, team_key(WEEK, team))) or get_info(conn, WEEK)
    week = date.fromisoformat(stored_week) if stored_week else (today or date.today())
    stored = (team and get_info(conn, team_key(SETTINGS, team))) or get_info(conn, SETTINGS)
    return load_settings(stored, week) if stored else default_settings(week)


def read_team(conn: Connection, today: date | None = None, scope: Scope = None) -> TeamData:
    """The scope's roster on record, open cases in row order, and settings."""
    worker_query = select(tables.workers).where(tables.workers.c.removed_at.is_(None))
    child_query = select(tables.children).where(tables.children.c.closed_at.is_(None))
    if scope is not None:
        worker_query = worker_query.where(tables.workers.c.team.in_(sorted(scope)))
        child_query = child_query.where(tables.children.c.home_team.in_(sorted(scope)))
    workers = tuple(
        row_worker(dict(row._mapping))
        for row in conn.execute(worker_query.order_by(tables.workers.c.seq))
    )
    children = tuple(
        row_child(dict(row._mapping))
        for row in conn.execute(
            child_query.order_by(tables.children.c.seq, tables.children.c.child_id)
        )
    )
    team = settings_team(scope)
    if team is None and scope is None:
        teams = {w.team for w in workers}
        team = next(iter(teams)) if len(teams) == 1 else None
    return TeamData(workers, children, read_settings(conn, team, today))


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
