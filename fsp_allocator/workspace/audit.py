"""The append-only audit log: what changed, old -> new, who and when.

Rows name ids, codes and stages only. A record's `extra` columns (the manager's own
columns, which could hold anything) are never copied into the log: a change to them is
logged as "changed" without the values. The database refuses to update or delete rows.
Each row names the team it concerns (None: the service as a whole) and is chained to the
one before it by SHA-256 (`chain.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from fsp_allocator.workspace import tables
from fsp_allocator.workspace.chain import append
from fsp_allocator.workspace.records import AuditEntry
from fsp_allocator.workspace.scope import Scope

HIDDEN_FIELDS = frozenset({"extra"})
IGNORED_FIELDS = frozenset({"seq", "removed_at", "closed_at", "version"})


def utc_now() -> datetime:
    """Now, in UTC, without tzinfo (as the database stores it)."""
    return datetime.now(UTC).replace(tzinfo=None)


def as_text(value: Any) -> str | None:
    """A value as the audit log shows it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def record(
    conn: Connection,
    user: str,
    action: str,
    entity: str,
    entity_id: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    at: datetime | None = None,
    *,
    team: str | None = None,
) -> None:
    """Append one audit row, chained to the one before."""
    append(
        conn,
        "audit",
        {
            "at": at or utc_now(),
            "user_name": user,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "field": field,
            "old": as_text(old),
            "new": as_text(new),
            "team": team,
        },
    )


def visible_summary(row: Mapping[str, Any]) -> str:
    """A new record's fields as JSON for an `insert` row, without the hidden ones."""
    shown = {k: as_text(v) for k, v in row.items() if k not in HIDDEN_FIELDS | IGNORED_FIELDS}
    return json.dumps(shown, sort_keys=True)


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for each field that differs; hidden fields show as "changed"."""
    changes: list[tuple[str, Any, Any]] = []
    for key, value in new.items():
        if key in IGNORED_FIELDS or key not in old:
            continue
        before = old[key]
        if isinstance(value, float) or isinstance(before, float):
            same = before is not None and value is not None and float(before) == float(value)
            same = same or (before is None and value is None)
        else:
            same = before == value
        if not same:
            if key in HIDDEN_FIELDS:
                changes.append((key, "(hidden)", "(changed)"))
            else:
                changes.append((key, before, value))
    return changes


def record_changes(
    conn: Connection,
    user: str,
    entity: str,
    entity_id: str,
    changes: Iterable[tuple[str, Any, Any]],
    at: datetime,
    action: str = "update",
    *,
    team: str | None = None,
) -> None:
    """One `update` row per changed field."""
    for field, old, new in changes:
        record(conn, user, action, entity, entity_id, field, old, new, at, team=team)


def read_audit(
    conn: Connection,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    scope: Scope = None,
) -> list[AuditEntry]:
    """Audit rows, oldest first, optionally for one entity kind and/or id, within a scope."""
    query = select(tables.audit).order_by(tables.audit.c.id)
    if scope is not None:
        query = query.where(tables.audit.c.team.in_(sorted(scope)))
    if entity is not None:
        query = query.where(tables.audit.c.entity == entity)
    if entity_id is not None:
        query = query.where(tables.audit.c.entity_id == entity_id)
    return [
        AuditEntry(
            id=row.id,
            at=row.at.replace(tzinfo=UTC),
            user=row.user_name,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            field=row.field,
            old=row.old,
            new=row.new,
        )
        for row in conn.execute(query)
    ]
