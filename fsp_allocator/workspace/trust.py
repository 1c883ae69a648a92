"""What `workspace check` proves about the record: triggers, privileges and the hash chain.

- The append-only triggers are all in place (and, on PostgreSQL, enabled).
- On PostgreSQL: the application role exists, neither it nor any manager may UPDATE,
  DELETE or TRUNCATE the record or owns a table, and row-level security is on.
- The audit and decision chains are unbroken and their ids have no gaps (checked by a
  connection that sees every row: SQLite, the owner, a head of service).
Each problem is one sentence naming what failed, the first failing row for a chain.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from fsp_allocator.workspace.chain import CHAINED, chain_problems
from fsp_allocator.workspace.roles import APP_ROLE, is_postgres
from fsp_allocator.workspace.tables import APPEND_ONLY_TABLES

RLS_TABLES = (
    "workers",
    "children",
    "decisions",
    "audit",
    "load_snapshots",
    "pending_proposal",
    "pending_rebalance",
    "workspace_info",
    "managers",
)


def expected_triggers(dialect: str) -> dict[str, str]:
    """Trigger name -> table, as the migrations create them."""
    if dialect == "postgresql":
        return {
            f"{t}_{kind}": t for t in APPEND_ONLY_TABLES for kind in ("append_only", "no_truncate")
        }
    return {f"{t}_{kind}": t for t in APPEND_ONLY_TABLES for kind in ("no_update", "no_delete")}


def trigger_problems(conn: Connection) -> list[str]:
    """A sentence for each append-only trigger that is missing or disabled."""
    expected = expected_triggers(conn.dialect.name)
    if is_postgres(conn):
        found = {
            str(row.tgname): str(row.tgenabled)
            for row in conn.execute(
                text(
                    "SELECT tgname, tgenabled FROM pg_trigger "
                    "WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY(:tables)"
                ),
                {"tables": list(APPEND_ONLY_TABLES)},
            )
        }
    else:
        found = {
            str(row[0]): "O"
            for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        }
    problems = []
    for name, table in expected.items():
        if name not in found:
            problems.append(
                f"The trigger {name} that keeps {table} append-only is missing: "
                "the record could have been changed."
            )
        elif found[name] == "D":
            problems.append(
                f"The trigger {name} that keeps {table} append-only is disabled: "
                "the record could have been changed."
            )
    return problems


def privilege_problems(conn: Connection) -> list[str]:
    """PostgreSQL: the app role and every manager lack UPDATE/DELETE/TRUNCATE on the
    record and own no table; row-level security is enabled."""
    if not is_postgres(conn):
        return []
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE}).first():
        roles = [APP_ROLE]
    else:
        return [
            f"The application role {APP_ROLE} does not exist, so managers cannot be kept to "
            "their teams: open the workspace once as its owner (with CREATEROLE)."
        ]
    roles += [
        str(r[0])
        for r in conn.execute(
            text(
                "SELECT DISTINCT m.login FROM managers m "
                "JOIN pg_roles r ON r.rolname = m.login ORDER BY 1"
            )
        )
    ]
    problems = []
    for role in roles:
        for table in APPEND_ONLY_TABLES:
            for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
                allowed = conn.execute(
                    text("SELECT has_table_privilege(:r, :t, :p)"),
                    {"r": role, "t": table, "p": privilege},
                ).scalar_one()
                if allowed:
                    problems.append(
                        f"The role {role} may {privilege} the {table} table: only the owner "
                        "may. Revoke it."
                    )
        owned = conn.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND pg_has_role(:r, tableowner, 'USAGE') ORDER BY 1"
            ),
            {"r": role},
        ).first()
        if owned is not None:
            problems.append(
                f"The role {role} owns (or acts as the owner of) the {owned[0]} table, so "
                "it could drop triggers: the tables must belong to the schema owner alone."
            )
    for table in RLS_TABLES:
        on = conn.execute(
            text("SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass(:t)"),
            {"t": table},
        ).scalar_one_or_none()
        if not on:
            problems.append(f"Row-level security is off on {table}: every manager sees all teams.")
    return problems


def record_problems(conn: Connection, sees_everything: bool) -> list[str]:
    """Triggers and privileges, then (when every row is visible) the chains."""
    problems = trigger_problems(conn) + privilege_problems(conn)
    if sees_everything:
        for table in CHAINED:
            problems += chain_problems(conn, table)
    return problems
