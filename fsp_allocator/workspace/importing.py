"""Import a team workbook's data into the workspace: roster and cases upserted, a diff returned.

Workers no longer on the roster are marked removed; open children no longer in the
workbook are closed; settings are replaced. The row order of the workbook is kept. Extra
Cases columns are not stored (see `codec.child_row`); the diff names them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

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
from fsp_allocator.workspace.state import rows_by_id


def import_data(conn: Connection, data: TeamData, user: str, at: datetime) -> ImportDiff:
    """Upsert `data` into the workspace in this transaction and say what changed."""
    old_workers = rows_by_id(conn, tables.workers, "worker_id")
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
        if wid not in on_roster and row["removed_at"] is None
    ]
    for worker_id in removed_workers:
        close_worker(conn, worker_id, user, at)

    old_children = rows_by_id(conn, tables.children, "child_id")
    new_children: list[str] = []
    changed_children: list[str] = []
    for seq, child in enumerate(data.children):
        existing = old_children.get(child.child_id)
        if upsert_child(conn, child, seq, existing, user, at):
            (new_children if existing is None else changed_children).append(child.child_id)
    in_workbook = {c.child_id for c in data.children}
    closed_children = [
        cid
        for cid, row in old_children.items()
        if cid not in in_workbook and row["closed_at"] is None
    ]
    for child_id in closed_children:
        close_child(conn, child_id, user, at)
    settings_changed = replace_settings(conn, data.settings, user, at)
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
