"""The first workspace schema: roster, cases, decisions, audit, load history, pending proposal.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(100)
APPEND_ONLY = ("audit", "decisions", "load_snapshots")


def upgrade() -> None:
    """Create every table and the triggers that keep the record append-only."""
    op.create_table(
        "workspace_info",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "workers",
        sa.Column("worker_id", ID, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("fte", sa.Float, nullable=False),
        sa.Column("team", sa.Text, nullable=False),
        sa.Column("agency", sa.Boolean, nullable=False),
        sa.Column("available_from", sa.Date),
        sa.Column("available_to", sa.Date),
        sa.Column("accepting", sa.Boolean, nullable=False),
        sa.Column("court_cap", sa.Integer),
        sa.Column("capacity", sa.Float),
        sa.Column("skills", sa.Text, nullable=False),
        sa.Column("locality", sa.Text),
        sa.Column("extra", sa.Text, nullable=False),
        sa.Column("removed_at", sa.DateTime),
    )
    op.create_table(
        "children",
        sa.Column("child_id", ID, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("family_id", ID, nullable=False, index=True),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("worker_id", ID),
        sa.Column("previous_worker_id", ID),
        sa.Column("factors", sa.Text, nullable=False),
        sa.Column("complexity", sa.Float),
        sa.Column("referral_date", sa.Date),
        sa.Column("team", sa.Text),
        sa.Column("locality", sa.Text),
        sa.Column("needs", sa.Text, nullable=False),
        sa.Column("adult_worker_ids", sa.Text, nullable=False),
        sa.Column("pin_worker_id", ID),
        sa.Column("exclude_worker_ids", sa.Text, nullable=False),
        sa.Column("extra", sa.Text, nullable=False),
        sa.Column("closed_at", sa.DateTime),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("week", sa.Date, nullable=False),
        sa.Column("child_id", ID, sa.ForeignKey("children.child_id"), nullable=False, index=True),
        sa.Column("family_id", ID, nullable=False),
        sa.Column("team", sa.Text),
        sa.Column("worker_id", ID),
        sa.Column("proposed_worker_id", ID),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("manager_reason", sa.Text),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_name", sa.Text, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", ID, nullable=False, index=True),
        sa.Column("field", sa.String(100)),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
    )
    op.create_table(
        "load_snapshots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("week", sa.Date, nullable=False),
        sa.Column("taken_at", sa.DateTime, nullable=False),
        sa.Column("worker_id", ID, nullable=False, index=True),
        sa.Column("team", sa.Text, nullable=False),
        sa.Column("capacity", sa.Float, nullable=False),
        sa.Column("load", sa.Float, nullable=False),
        sa.Column("court", sa.Integer, nullable=False),
        sa.Column("children", sa.Integer, nullable=False),
    )
    op.create_table(
        "pending_proposal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stored_at", sa.DateTime, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    _append_only_triggers()


def _append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION fsp_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'The % table is append-only: its rows cannot be changed or "
            "deleted', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION fsp_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION fsp_append_only()"
            )
        return
    for table in APPEND_ONLY:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'The {table} table is append-only: its rows "
                "cannot be changed or deleted'); END"
            )


def downgrade() -> None:
    """Drop everything (only for developers: a workspace is never downgraded in use)."""
    for table in (
        "pending_proposal",
        "load_snapshots",
        "audit",
        "decisions",
        "children",
        "workers",
        "workspace_info",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS fsp_append_only()")
