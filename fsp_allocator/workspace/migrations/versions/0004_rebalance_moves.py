"""A decision can record a move of an open case; a pending rebalance has its own slot.

- `decisions.kind` ('allocation', the default for every row before this revision, or
  'move') and `decisions.from_worker_id` (the worker a moved child leaves). The hash chain
  covers them only when they differ from an allocation's (kind 'allocation', no from
  worker), so rows written before this revision verify exactly as they did (`chain.py`).
- `pending_rebalance`: the scope's pending rebalance, as `pending_proposal` keeps the
  weekly proposal (payload, scope, basis).
- PostgreSQL: row-level security and `fsp_app`'s privileges on the new table, as 0002 set
  them for `pending_proposal`; the new columns inherit the decisions table's (SELECT and
  INSERT only).

Revision ID: 0004_rebalance_moves
Revises: 0003_hostile_files
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_rebalance_moves"
down_revision = "0003_hostile_files"
branch_labels = None
depends_on = None

APP_ROLE = "fsp_app"
POSTGRES = (
    "ALTER TABLE pending_rebalance ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY team_rows ON pending_rebalance TO fsp_app USING (fsp_may_all(scope))",
)
GRANTS = (
    "GRANT SELECT, INSERT, UPDATE, DELETE ON pending_rebalance TO fsp_app",
    "GRANT USAGE ON SEQUENCE pending_rebalance_id_seq TO fsp_app",
)


def upgrade() -> None:
    """Add the two decision columns and the pending rebalance's table."""
    op.add_column("decisions", sa.Column("kind", sa.String(20), server_default="allocation"))
    op.add_column("decisions", sa.Column("from_worker_id", sa.String(100)))
    op.create_table(
        "pending_rebalance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stored_at", sa.DateTime, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("scope", sa.Text),
        sa.Column("basis", sa.Text),
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(POSTGRES[0])
    role = bind.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE})
    if role.first() is None:
        return  # `workspace check` says the application role is missing
    for statement in POSTGRES[1:] + GRANTS:
        op.execute(statement)


def downgrade() -> None:
    """Not supported: the record's moves are part of the chain."""
    raise NotImplementedError("A workspace is never downgraded.")
