"""A workspace a whole service can trust: team-scoped rows, a hash-chained record, roles.

- `children.home_team` (the team whose case it is), `audit.team`, `audit.hash`,
  `decisions.hash`, `pending_proposal.scope` and `.basis`, and the `managers` table.
- Existing rows: home teams and audit teams filled in; audit and decision ids renumbered
  1..n in their order (PostgreSQL sequences leave gaps on rollback) and their chain of
  SHA-256 hashes computed. The append-only triggers are lifted for that alone and put back.
- PostgreSQL: the application role `fsp_app` (no login), its privileges (no UPDATE,
  DELETE or TRUNCATE on the record), `fsp_chain_head`, and row-level security keeping each
  manager's login to their teams' rows (see `workspace/roles.py`).

Revision ID: 0002_workspace_trust
Revises: 0001_initial
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from fsp_allocator.workspace.chain import CHAINED, GENESIS, row_hash

revision = "0002_workspace_trust"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

APPEND_ONLY = ("audit", "decisions", "load_snapshots")
APP_ROLE = "fsp_app"
TYPES: dict[str, Any] = {
    "at": sa.DateTime,
    "decided_at": sa.DateTime,
    "week": sa.Date,
}


def upgrade() -> None:
    """Add the columns and table, fill them for existing rows, and (PostgreSQL) the roles."""
    with op.batch_alter_table("children") as batch:
        batch.add_column(sa.Column("home_team", sa.Text))
        batch.create_index("ix_children_home_team", ["home_team"])
    postgres = op.get_bind().dialect.name == "postgresql"
    _lift_triggers(postgres)
    with op.batch_alter_table("audit") as batch:
        batch.add_column(sa.Column("team", sa.Text))
        batch.add_column(sa.Column("hash", sa.String(64)))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("hash", sa.String(64)))
    with op.batch_alter_table("pending_proposal") as batch:
        batch.add_column(sa.Column("scope", sa.Text))
        batch.add_column(sa.Column("basis", sa.Text))
    op.create_table(
        "managers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("login", sa.String(63), nullable=False, index=True),
        sa.Column("team", sa.Text),
        sa.Column("is_service", sa.Boolean, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    _fill_existing_rows()
    _put_back_triggers(postgres)
    if postgres:
        _roles_and_row_security()


def _fill_existing_rows() -> None:
    execute = op.execute
    execute(
        "UPDATE children SET home_team = COALESCE(team, (SELECT w.team FROM workers w "
        "WHERE w.worker_id = children.worker_id))"
    )
    execute(
        "UPDATE children SET home_team = (SELECT MIN(c.home_team) FROM children c "
        "WHERE c.family_id = children.family_id) WHERE home_team IS NULL"
    )
    execute(
        "UPDATE children SET home_team = (SELECT MIN(team) FROM workers) "
        "WHERE home_team IS NULL AND (SELECT COUNT(DISTINCT team) FROM workers) = 1"
    )
    execute(
        "UPDATE audit SET team = (SELECT w.team FROM workers w WHERE w.worker_id = "
        "audit.entity_id) WHERE entity = 'worker'"
    )
    execute(
        "UPDATE audit SET team = (SELECT c.home_team FROM children c WHERE c.child_id = "
        "audit.entity_id) WHERE entity IN ('child', 'allocation')"
    )
    execute(
        "UPDATE decisions SET team = COALESCE((SELECT c.home_team FROM children c "
        "WHERE c.child_id = decisions.child_id), team)"
    )
    execute("UPDATE pending_proposal SET scope = '*'")
    bind = op.get_bind()
    for table, fields in CHAINED.items():
        ids = [int(i) for i in bind.execute(sa.text(f"SELECT id FROM {table} ORDER BY id")).scalars()]
        bind.execute(sa.text(f"UPDATE {table} SET id = -id"))
        for rank, old_id in enumerate(ids, start=1):
            bind.execute(
                sa.text(f"UPDATE {table} SET id = :new WHERE id = :old"),
                {"new": rank, "old": -old_id},
            )
        typed = sa.table(
            table,
            sa.column("id", sa.Integer),
            *(sa.column(name, TYPES.get(name, sa.Text)) for name in fields),
        )
        previous = GENESIS
        rows = bind.execute(sa.select(typed).order_by(typed.c.id)).mappings()
        for row in list(rows):
            previous = row_hash(table, int(row["id"]), dict(row), previous)
            bind.execute(
                sa.text(f"UPDATE {table} SET hash = :h WHERE id = :i"),
                {"h": previous, "i": row["id"]},
            )


def _lift_triggers(postgres: bool) -> None:
    for table in APPEND_ONLY:
        if postgres:
            op.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


def _put_back_triggers(postgres: bool) -> None:
    for table in APPEND_ONLY:
        if postgres:
            op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")
            continue
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'The {table} table is append-only: its rows "
                "cannot be changed or deleted'); END"
            )


FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION fsp_chain_head(tbl text) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE last_id integer; last_hash text;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('fsp_chain_' || tbl));
      IF tbl = 'audit' THEN
        SELECT id, hash INTO last_id, last_hash FROM audit ORDER BY id DESC LIMIT 1;
      ELSIF tbl = 'decisions' THEN
        SELECT id, hash INTO last_id, last_hash FROM decisions ORDER BY id DESC LIMIT 1;
      ELSE
        RAISE EXCEPTION 'No record chain for %', tbl;
      END IF;
      RETURN coalesce(last_id, 0) || ':' || coalesce(last_hash, repeat('0', 64));
    END $$""",
    """CREATE OR REPLACE FUNCTION fsp_is_service() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      SELECT EXISTS (SELECT 1 FROM managers WHERE login = session_user AND is_service)
    $$""",
    """CREATE OR REPLACE FUNCTION fsp_may(t text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      SELECT fsp_is_service() OR (t IS NOT NULL AND EXISTS (
        SELECT 1 FROM managers WHERE login = session_user AND team = t))
    $$""",
    """CREATE OR REPLACE FUNCTION fsp_may_all(teams text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      SELECT fsp_is_service() OR (teams IS NOT NULL AND teams <> '*' AND NOT EXISTS (
        SELECT 1 FROM unnest(string_to_array(teams, '|')) AS u(t) WHERE NOT fsp_may(u.t)))
    $$""",
    """CREATE OR REPLACE FUNCTION fsp_info_team(k text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN position(':' in k) > 0 THEN substr(k, position(':' in k) + 1) END
    $$""",
)

POLICIES = (
    "CREATE POLICY team_rows ON workers TO fsp_app USING (fsp_may(team))",
    "CREATE POLICY team_rows ON children TO fsp_app USING (fsp_may(home_team))",
    "CREATE POLICY team_read ON decisions FOR SELECT TO fsp_app USING (fsp_may(team))",
    "CREATE POLICY team_write ON decisions FOR INSERT TO fsp_app "
    "WITH CHECK (fsp_may(team) AND decided_by = session_user)",
    "CREATE POLICY team_read ON audit FOR SELECT TO fsp_app USING (fsp_may(team))",
    "CREATE POLICY team_write ON audit FOR INSERT TO fsp_app "
    "WITH CHECK (fsp_may(team) AND user_name = session_user)",
    "CREATE POLICY team_read ON load_snapshots FOR SELECT TO fsp_app USING (fsp_may(team))",
    "CREATE POLICY team_write ON load_snapshots FOR INSERT TO fsp_app "
    "WITH CHECK (fsp_may(team))",
    "CREATE POLICY team_rows ON pending_proposal TO fsp_app USING (fsp_may_all(scope))",
    "CREATE POLICY team_read ON workspace_info FOR SELECT TO fsp_app "
    "USING (fsp_info_team(key) IS NULL OR fsp_may_all(fsp_info_team(key)))",
    "CREATE POLICY team_write ON workspace_info TO fsp_app USING (CASE WHEN "
    "fsp_info_team(key) IS NULL THEN fsp_is_service() ELSE fsp_may_all(fsp_info_team(key)) END)",
    "CREATE POLICY own_row ON managers FOR SELECT TO fsp_app "
    "USING (login = session_user OR fsp_is_service())",
)

GRANTS = (
    "GRANT SELECT, INSERT, UPDATE ON workers TO fsp_app",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON children, workspace_info, pending_proposal "
    "TO fsp_app",
    "GRANT SELECT, INSERT ON audit, decisions, load_snapshots TO fsp_app",
    "GRANT SELECT ON managers, alembic_version TO fsp_app",
    "GRANT USAGE ON SEQUENCE load_snapshots_id_seq, pending_proposal_id_seq TO fsp_app",
    "REVOKE ALL ON FUNCTION fsp_chain_head(text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION fsp_chain_head(text) TO fsp_app",
)


def _roles_and_row_security() -> None:
    bind = op.get_bind()
    for statement in FUNCTIONS:
        op.execute(statement)
    for table in ("workers", "children", "decisions", "audit", "load_snapshots",
                  "pending_proposal", "workspace_info", "managers"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    exists = bind.execute(
        sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE}
    ).first()
    may_create = bind.execute(
        sa.text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    if exists is None and not may_create:
        return  # `workspace check` says the application role is missing
    if exists is None:
        op.execute(f"CREATE ROLE {APP_ROLE} NOLOGIN")
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    op.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO {APP_ROLE}')
    for statement in GRANTS:
        op.execute(statement)
    for statement in POLICIES:
        op.execute(statement)


def downgrade() -> None:
    """Not supported: the chain and the roles are part of the record."""
    raise NotImplementedError("A workspace is never downgraded.")
