"""The scope's pending rebalance: one row per scope, as the weekly proposal's slot.

The payload is the `RebalanceResult` as JSON (`codec.dump_rebalance`); the basis is the
version of each of its children when the plan's data was read, so accept can tell a child
that changed since. A payload an older or newer version cannot read counts as none.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.audit import utc_now
from fsp_allocator.workspace.codec import dump_rebalance, load_rebalance

Basis = dict[str, int]


def store(conn: Connection, key: str, result: RebalanceResult, basis: Basis) -> None:
    """Keep `result` as the scope's pending rebalance (replacing any)."""
    table = tables.pending_rebalance
    conn.execute(delete(table).where(table.c.scope == key))
    conn.execute(
        insert(table).values(
            stored_at=utc_now(),
            payload=dump_rebalance(result),
            scope=key,
            basis=json.dumps(basis, sort_keys=True),
        )
    )


def _row(conn: Connection, key: str) -> Any:
    table = tables.pending_rebalance
    query = select(table.c.payload, table.c.basis, table.c.stored_at)
    return conn.execute(query.where(table.c.scope == key)).first()


def pending(conn: Connection, key: str) -> RebalanceResult | None:
    """The scope's pending rebalance, or None (also when its payload cannot be read)."""
    row = _row(conn, key)
    if row is None:
        return None
    try:
        return load_rebalance(row.payload)
    except (ValueError, TypeError, KeyError):
        return None


def basis(conn: Connection, key: str) -> Basis | None:
    """The versions the pending rebalance was made from (None when unknown)."""
    row = _row(conn, key)
    if row is None or not row.basis:
        return None
    try:
        return {str(k): int(v) for k, v in json.loads(row.basis).items()}
    except (ValueError, TypeError, AttributeError):
        return None


def stored_at(conn: Connection, key: str) -> datetime | None:
    """When the pending rebalance was stored (None when there is none)."""
    row = _row(conn, key)
    return None if row is None else row.stored_at


def clear(conn: Connection, key: str) -> None:
    """Drop the scope's pending rebalance."""
    table = tables.pending_rebalance
    conn.execute(delete(table).where(table.c.scope == key))
