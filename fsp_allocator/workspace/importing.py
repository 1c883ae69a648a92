"""Import a team workbook's data into the workspace: roster and cases upserted, a diff returned.

Only the teams the workbook names are touched: their workers no longer on the roster are
marked removed, their open children no longer in the workbook are closed, and their
settings are replaced. Every other team's rows stay exactly as they were. (A whole-scope
import, as the first real import over the demo team, replaces everything; a workbook that
names every team in the workspace also sets the service's settings and week.) The row order
of the workbook is kept. Extra Cases columns are not stored (see `codec.child_row`); the
diff names them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.edits import (
    close_child,
    close_worker,
    replace_settings,
    upsert_child,
    upsert_worker,
)
from fsp_allocator.workspace.records import ImportDiff
from fsp_allocator.workspace.scope import OutsideScope, Scope, home_teams, in_scope
from fsp_allocator.workspace.state import SETTINGS, get_info, rows_by_id, team_key


def import_data(
    conn: Connection,
    data: TeamData,
    user: str,
    at: datetime,
    scope: Scope = None,
    *,
    service_wide: bool = False,
) -> ImportDiff:
    """Upsert `data` into the workspace in this transaction and say what changed.

    `scope` is the teams the import replaces (None: the whole workspace); rows of other
    teams are neither closed nor changed. `service_wide` says the importer sees every team
    (not a team manager's view), so a workbook naming all of them sets the service week.
    """
    old_workers = rows_by_id(conn, tables.workers, "worker_id")
    old_children = rows_by_id(conn, tables.children, "child_id")
    _refuse_other_teams_rows(data, old_workers, old_children, scope)
    new_workers: list[str] = []
    changed_workers: list[str] = []
    for seq, worker in enumerate(data.workers):
        existing = old_workers.get(worker.worker_id)
        if upsert_worker(conn, worker, seq, existing, user, at):
            (new_workers if existing is None else changed_workers).append(worker.worker_id)
    on_roster = {w.worker_id for w in data.workers}
    removed_workers = [
        wid
        for wid, row in old_workers.items()
        if wid not in on_roster and row["removed_at"] is None and in_scope(row["team"], scope)
    ]
    for worker_id in removed_workers:
        close_worker(conn, worker_id, user, at, old_workers[worker_id]["team"])

    homes = home_teams(data)
    new_children: list[str] = []
    changed_children: list[str] = []
    for seq, child in enumerate(data.children):
        existing = old_children.get(child.child_id)
        if upsert_child(conn, child, seq, existing, user, at, homes.get(child.child_id)):
            (new_children if existing is None else changed_children).append(child.child_id)
    in_workbook = {c.child_id for c in data.children}
    closed_children = [
        cid
        for cid, row in old_children.items()
        if cid not in in_workbook and row["closed_at"] is None and in_scope(row["home_team"], scope)
    ]
    for child_id in closed_children:
        close_child(conn, child_id, user, at, old_children[child_id]["home_team"])
    settings_changed = False
    covers_all = service_wide and scope is not None and _covers_every_team(conn, scope)
    if scope is None or get_info(conn, SETTINGS) is None or covers_all:
        settings_changed = replace_settings(conn, data.settings, user, at)
    own = scope if scope is not None else _teams_with_own_settings(conn, data)
    for team in sorted(own):
        settings_changed = replace_settings(conn, data.settings, user, at, team) or settings_changed
    return ImportDiff(
        new_workers=tuple(new_workers),
        changed_workers=tuple(changed_workers),
        removed_workers=tuple(removed_workers),
        new_children=tuple(new_children),
        changed_children=tuple(changed_children),
        closed_children=tuple(closed_children),
        settings_changed=settings_changed,
        left_out_columns=tuple(dict.fromkeys(h for c in data.children for h in c.extra)),
    )


def _covers_every_team(conn: Connection, scope: frozenset[str]) -> bool:
    """Whether the workbook names every team still in the workspace: then it is the whole
    service's workbook, and its settings and week are the service's too (so the
    service-wide view moves to the new week with its teams)."""
    workers, children = tables.workers, tables.children
    teams = {
        row.team
        for row in conn.execute(select(workers.c.team).where(workers.c.removed_at.is_(None)))
    } | {
        row.home_team
        for row in conn.execute(select(children.c.home_team).where(children.c.closed_at.is_(None)))
    }
    return {t for t in teams if t} <= scope


def _teams_with_own_settings(conn: Connection, data: TeamData) -> frozenset[str]:
    return frozenset(t for t in data.teams() if get_info(conn, team_key(SETTINGS, t)))


def _refuse_other_teams_rows(
    data: TeamData,
    old_workers: dict[str, dict[str, Any]],
    old_children: dict[str, dict[str, Any]],
    scope: Scope,
) -> None:
    """Refuse a workbook whose ids are rows of teams outside the scope (nothing changed)."""
    if scope is None:
        return
    others: set[str] = set()
    for worker in data.workers:
        row = old_workers.get(worker.worker_id)
        if row is not None and not in_scope(row["team"], scope):
            others.add(str(row["team"]))
    for child in data.children:
        row = old_children.get(child.child_id)
        if (
            row is not None
            and row["home_team"] is not None
            and not in_scope(row["home_team"], scope)
        ):
            others.add(str(row["home_team"]))
    if others:
        raise OutsideScope(others, scope)
