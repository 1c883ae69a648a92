"""Drop the extra Cases columns earlier versions stored: they may hold children's personal data.

Revision ID: 0003_hostile_files
Revises: 0002_workspace_trust

Earlier versions kept every unknown Cases column (`child_name`, `dob`, `address`...) in
`children.extra`, and so in every backup and re-export. Allocation never needs them; from
this revision the workspace stores none (workers' extra columns stay). On SQLite the rows
are rewritten with `secure_delete` on, so the old text is overwritten in the file rather
than left in its free pages. The audit never held them (`audit.HIDDEN_FIELDS`).
"""

from __future__ import annotations

from alembic import op

revision = "0003_hostile_files"
down_revision = "0002_workspace_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Empty every child's `extra`."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA secure_delete = ON")
    op.execute("UPDATE children SET extra = '{}' WHERE extra IS NULL OR extra <> '{}'")


def downgrade() -> None:
    """Nothing to restore: the removed columns are gone by design."""
