"""Who may do what on a shared PostgreSQL workspace: the application role and the managers.

The schema owner (the login that migrates) owns every table. `fsp_app` is a role without
login holding only the privileges the app needs (no UPDATE, DELETE or TRUNCATE on the
record, no ownership, so no way to disable a trigger). Each manager logs in as their own
role, a member of `fsp_app`, with one `managers` row per team they hold (or one marked
service, for a head of service). Row-level security (migration 0002) lets a manager's
connection read and change only their teams' rows; the name on their decisions and audit
rows must be their login (`session_user`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, text

from fsp_allocator.workspace import tables
from fsp_allocator.workspace.audit import utc_now
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.scope import Scope

APP_ROLE = "fsp_app"
LOGIN_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")


@dataclass(frozen=True, slots=True)
class Manager:
    """One manager's login and the teams they hold (service: every team)."""

    login: str
    teams: tuple[str, ...]
    is_service: bool


def is_postgres(conn: Connection) -> bool:
    """True on a PostgreSQL workspace."""
    return conn.dialect.name == "postgresql"


def session_login(conn: Connection) -> str:
    """The database login of this connection (`session_user`; SET ROLE does not change it)."""
    return str(conn.execute(text("SELECT session_user")).scalar_one())


def is_owner(conn: Connection) -> bool:
    """Whether this login owns the workspace's tables (or is a superuser): it sees all."""
    row = conn.execute(
        text(
            "SELECT r.rolsuper OR t.tableowner = session_user FROM pg_tables t "
            "JOIN pg_roles r ON r.rolname = session_user "
            "WHERE t.tablename = 'audit' AND t.schemaname = current_schema()"
        )
    ).first()
    return bool(row and row[0])


def allowed_scope(conn: Connection) -> Scope:
    """The teams this connection may act on: None (all) on SQLite, for the owner and for a
    head of service; a team manager's teams; no teams for a login that is not a manager."""
    if not is_postgres(conn) or is_owner(conn):
        return None
    login = session_login(conn)
    rows = conn.execute(
        select(tables.managers.c.team, tables.managers.c.is_service).where(
            tables.managers.c.login == login
        )
    ).all()
    if any(row.is_service for row in rows):
        return None
    return frozenset(str(row.team) for row in rows if row.team is not None)


def _quoted(conn: Connection, login: str) -> str:
    if not LOGIN_PATTERN.match(login):
        raise WorkspaceError(
            f"'{login}' cannot be a database login: use letters, digits and _ . @ - "
            "(at most 63, starting with a letter)."
        )
    return str(conn.dialect.identifier_preparer.quote(login))


def _require_owner(conn: Connection) -> None:
    if not is_postgres(conn):
        raise WorkspaceError(
            "Managers are added on a shared PostgreSQL workspace; a SQLite workspace "
            "belongs to the computer user whose file it is."
        )
    if not is_owner(conn):
        raise WorkspaceError(
            "Only the workspace's owner (the login that created it) can add or remove managers."
        )


def add_manager(conn: Connection, login: str, teams: tuple[str, ...], service: bool) -> Manager:
    """Create the login role (if new), make it a member of fsp_app, and record its teams."""
    _require_owner(conn)
    role = _quoted(conn, login)
    if not teams and not service:
        raise WorkspaceError("Name the manager's team (--team T), or --service for all teams.")
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).first()
    if exists is None:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
    conn.execute(text(f"GRANT {APP_ROLE} TO {role}"))
    conn.execute(delete(tables.managers).where(tables.managers.c.login == login))
    at = utc_now()
    rows = [{"login": login, "team": t, "is_service": service, "added_at": at} for t in teams]
    if service and not teams:
        rows = [{"login": login, "team": None, "is_service": True, "added_at": at}]
    conn.execute(insert(tables.managers), rows)
    return Manager(login, tuple(teams), service)


def list_managers(conn: Connection) -> list[Manager]:
    """Every manager on record, by login."""
    found: dict[str, tuple[list[str], bool]] = {}
    for row in conn.execute(select(tables.managers).order_by(tables.managers.c.login)):
        teams, service = found.setdefault(row.login, ([], False))
        if row.team is not None:
            teams.append(row.team)
        found[row.login] = (teams, service or bool(row.is_service))
    return [Manager(login, tuple(t), s) for login, (t, s) in found.items()]


def remove_manager(conn: Connection, login: str) -> bool:
    """Take away the manager's teams; True if they were a manager here.

    The login role and its membership of fsp_app are kept (roles belong to the whole
    server and may serve other workspaces on it); with no `managers` row, row-level
    security shows it no row here and lets it change none.
    """
    _require_owner(conn)
    _quoted(conn, login)
    done = conn.execute(delete(tables.managers).where(tables.managers.c.login == login))
    return bool(done.rowcount)
