"""The workspace's tables (SQLAlchemy Core), as the migrations in `migrations/versions` build them.

Lists and `extra` columns are JSON text, so SQLite and PostgreSQL store them alike. Rows are
never deleted from `audit`, `decisions` or `load_snapshots`: database triggers refuse it.
`children.home_team` is the team whose case it is (rule 8's family team), which scopes
every read and, on PostgreSQL, row-level security; `audit.hash` and `decisions.hash` chain
the record (`chain.py`); `managers` maps database logins to the teams they hold.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    or_,
)

metadata = MetaData()

ID = String(100)

info = Table(
    "workspace_info",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

workers = Table(
    "workers",
    metadata,
    Column("worker_id", ID, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("fte", Float, nullable=False),
    Column("team", Text, nullable=False),
    Column("agency", Boolean, nullable=False),
    Column("available_from", Date),
    Column("available_to", Date),
    Column("accepting", Boolean, nullable=False),
    Column("court_cap", Integer),
    Column("capacity", Float),
    Column("skills", Text, nullable=False),
    Column("locality", Text),
    Column("extra", Text, nullable=False),
    Column("removed_at", DateTime),
)

children = Table(
    "children",
    metadata,
    Column("child_id", ID, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("family_id", ID, nullable=False, index=True),
    Column("stage", String(20), nullable=False),
    Column("worker_id", ID),
    Column("previous_worker_id", ID),
    Column("factors", Text, nullable=False),
    Column("complexity", Float),
    Column("referral_date", Date),
    Column("team", Text),
    Column("locality", Text),
    Column("needs", Text, nullable=False),
    Column("adult_worker_ids", Text, nullable=False),
    Column("pin_worker_id", ID),
    Column("exclude_worker_ids", Text, nullable=False),
    Column("extra", Text, nullable=False),
    Column("closed_at", DateTime),
    Column("version", Integer, nullable=False),
    Column("home_team", Text, index=True),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("week", Date, nullable=False),
    Column("child_id", ID, ForeignKey("children.child_id"), nullable=False, index=True),
    Column("family_id", ID, nullable=False),
    Column("team", Text),
    Column("worker_id", ID),
    Column("proposed_worker_id", ID),
    Column("decided_by", Text, nullable=False),
    Column("decided_at", DateTime, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("manager_reason", Text),
    Column("hash", String(64)),
    Column("kind", String(20), server_default="allocation"),  # or "move" (a rebalance)
    Column("from_worker_id", ID),  # a move: the worker the child leaves
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("user_name", Text, nullable=False),
    Column("action", String(20), nullable=False),
    Column("entity", String(20), nullable=False),
    Column("entity_id", ID, nullable=False, index=True),
    Column("field", String(100)),
    Column("old", Text),
    Column("new", Text),
    Column("team", Text),
    Column("hash", String(64)),
)

load_snapshots = Table(
    "load_snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("week", Date, nullable=False),
    Column("taken_at", DateTime, nullable=False),
    Column("worker_id", ID, nullable=False, index=True),
    Column("team", Text, nullable=False),
    Column("capacity", Float, nullable=False),
    Column("load", Float, nullable=False),
    Column("court", Integer, nullable=False),
    Column("children", Integer, nullable=False),
)

pending = Table(
    "pending_proposal",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("stored_at", DateTime, nullable=False),
    Column("payload", Text, nullable=False),
    Column("scope", Text),
    Column("basis", Text),
)

pending_rebalance = Table(
    "pending_rebalance",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("stored_at", DateTime, nullable=False),
    Column("payload", Text, nullable=False),
    Column("scope", Text),
    Column("basis", Text),
)

managers = Table(
    "managers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(63), nullable=False, index=True),
    Column("team", Text),
    Column("is_service", Boolean, nullable=False),
    Column("added_at", DateTime, nullable=False),
)

APPEND_ONLY_TABLES = ("audit", "decisions", "load_snapshots")


def is_allocation() -> ColumnElement[bool]:
    """The decisions of a weekly accept (not a rebalance's moves): what an accepted week is."""
    return or_(decisions.c.kind.is_(None), decisions.c.kind != "move")
