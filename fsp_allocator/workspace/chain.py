"""The record that proves itself: each audit and decision row is chained by SHA-256.

A row's `hash` is SHA-256 over its id, its content and the previous row's hash (the first
row's "previous" is 64 zeros). Deleting, inserting or editing any row breaks the chain
from that row on, so `workspace check` names the first row that fails.

Ids are given by the chain itself (the last id + 1), never by a sequence, so the ids have
no gaps even when a transaction is rolled back. On PostgreSQL the last id and hash come
from `fsp_chain_head(table)`, a function of the schema owner that also takes a lock held
until commit (so two managers' rows chain one after the other) and reads past row-level
security (a team manager cannot see other teams' rows, but their rows join one chain).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, select, text

from fsp_allocator.workspace import tables

GENESIS = "0" * 64
AUDIT_FIELDS = ("at", "user_name", "action", "entity", "entity_id", "field", "old", "new", "team")
DECISION_FIELDS = (
    "week",
    "child_id",
    "family_id",
    "team",
    "worker_id",
    "proposed_worker_id",
    "decided_by",
    "decided_at",
    "reasons",
    "manager_reason",
)
MOVE_FIELDS = ("kind", "from_worker_id")  # migration 0004: hashed only when not an allocation's
CHAINED: dict[str, tuple[str, ...]] = {"audit": AUDIT_FIELDS, "decisions": DECISION_FIELDS}
_CACHE_KEY = "fsp_chain_heads"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _is_move(table: str, values: Mapping[str, Any]) -> bool:
    """A decision whose kind or from worker differ from an allocation's (kind None or
    'allocation', no from worker): only then are `MOVE_FIELDS` in its hash, so the rows
    written before migration 0004 verify unchanged, and setting either on them breaks it."""
    if table != "decisions":
        return False
    return (
        values.get("kind") not in (None, "allocation") or values.get("from_worker_id") is not None
    )


def row_hash(table: str, row_id: int, values: Mapping[str, Any], previous: str) -> str:
    """SHA-256 (hex) over the row's id, its chained fields and the previous row's hash
    (and, for a move decision, its kind and from worker)."""
    names = CHAINED[table] + (MOVE_FIELDS if _is_move(table, values) else ())
    content = [row_id, *(_plain(values.get(name)) for name in names), previous]
    encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def forget_heads(conn: Connection) -> None:
    """Drop the heads cached on this connection (at the start of every transaction)."""
    conn.info.pop(_CACHE_KEY, None)


def _head(conn: Connection, table: str) -> tuple[int, str]:
    cache: dict[str, tuple[int, str]] = conn.info.setdefault(_CACHE_KEY, {})
    if table in cache:
        return cache[table]
    if conn.dialect.name == "postgresql":
        raw = str(conn.execute(text("SELECT fsp_chain_head(:t)"), {"t": table}).scalar_one())
        last_id, _, last_hash = raw.partition(":")
        head = (int(last_id), last_hash)
    else:
        chained: Table = tables.metadata.tables[table]
        row = conn.execute(
            select(chained.c.id, chained.c.hash).order_by(chained.c.id.desc()).limit(1)
        ).first()
        head = (0, GENESIS) if row is None else (int(row.id), str(row.hash or GENESIS))
    cache[table] = head
    return head


def append(conn: Connection, table: str, values: Mapping[str, Any]) -> int:
    """Insert one chained row (id and hash filled in); returns its id."""
    last_id, last_hash = _head(conn, table)
    row_id = last_id + 1
    digest = row_hash(table, row_id, values, last_hash)
    conn.execute(tables.metadata.tables[table].insert().values(**values, id=row_id, hash=digest))
    conn.info[_CACHE_KEY][table] = (row_id, digest)
    return row_id


def chain_problems(conn: Connection, table: str) -> list[str]:
    """The first break in the table's chain or ids, as a sentence; [] when unbroken."""
    chained: Table = tables.metadata.tables[table]
    previous = GENESIS
    expected_id = 1
    for row in conn.execute(select(chained).order_by(chained.c.id)):
        values = dict(row._mapping)
        if row.id != expected_id:
            first_missing = expected_id if row.id > expected_id else row.id
            return [
                f"{table} row {first_missing} is missing (ids jump from {expected_id - 1} "
                f"to {row.id}): rows were deleted from the record."
            ]
        if row.hash != row_hash(table, row.id, values, previous):
            return [
                f"{table} row {row.id} does not match its hash: it was changed, or a row "
                "before it was removed or altered."
            ]
        previous = row.hash
        expected_id += 1
    return []
