"""What importing a workbook over the workspace would do, before it does it.

An import replaces the team: workers missing from the workbook leave the roster, open cases
missing from it close, and a case the workbook lists with no worker becomes a new child to
allocate again. `preview_in` runs the real import (`importing.import_data`, whatever rules
it follows) inside the caller's transaction and reads the state before and after, so the
preview is exactly what applying would do; the caller rolls back (a preview, a dry run) or
commits (the manager confirmed).

An *undone allocation* is a child whose current worker was given by an accepted decision
and whom the import would leave with no worker: the import would silently turn the
meeting's decision back into an unallocated child. The app asks first; the command line
needs `--yes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, select

from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.importing import import_data
from fsp_allocator.workspace.records import ImportDiff
from fsp_allocator.workspace.scope import Scope
from fsp_allocator.workspace.state import read_team

SHOWN = 12


@dataclass(frozen=True, slots=True)
class UndoneAllocation:
    """An accepted allocation the import would undo: the child, its worker and the week."""

    child_id: str
    family_id: str
    worker_id: str
    worker_name: str
    week: date

    def __str__(self) -> str:
        return (
            f"{self.child_id} (family {self.family_id}), allocated to {self.worker_name} "
            f"({self.worker_id}) in the week of {self.week:%d/%m/%Y}"
        )


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """The diff an import makes, with names, the new children and the allocations undone."""

    diff: ImportDiff
    worker_names: dict[str, str]
    to_allocate: tuple[str, ...]
    undone: tuple[UndoneAllocation, ...]

    def named(self, worker_ids: tuple[str, ...]) -> list[str]:
        """`Sam Lee (W03)` for each worker id."""
        return [f"{self.worker_names.get(w, w)} ({w})" for w in worker_ids]

    def lines(self) -> list[str]:
        """The preview in plain lines (children by id, workers by name and id)."""
        diff = self.diff
        groups = (
            ("Workers added", self.named(diff.new_workers)),
            ("Workers changed", self.named(diff.changed_workers)),
            ("Workers leaving the roster", self.named(diff.removed_workers)),
            ("Cases new", list(diff.new_children)),
            ("Cases changed", list(diff.changed_children)),
            ("Cases closing", list(diff.closed_children)),
            ("New children to allocate", list(self.to_allocate)),
        )
        lines = [f"{label} ({len(items)}): " + _shown(items) for label, items in groups if items]
        if diff.settings_changed:
            lines.append("Settings changed.")
        if self.undone:
            lines.append(
                f"Accepted allocations this import would undo ({len(self.undone)}), each "
                "back to unallocated:"
            )
            lines += [f"  {u}" for u in self.undone]
        return lines or ["No change: the workspace already holds this workbook."]


def _shown(items: list[str]) -> str:
    more = len(items) - SHOWN
    return ", ".join(items[:SHOWN]) + (f" and {more} more" if more > 0 else "")


class ImportWouldUndo(WorkspaceError):
    """The import would undo accepted allocations and the manager has not confirmed it."""

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        count = len(preview.undone)
        super().__init__(
            f"This import would undo {count} accepted allocation{'s' if count != 1 else ''} "
            "(the workbook lists those children with no worker): "
            + "; ".join(str(u) for u in preview.undone[:SHOWN])
            + (f" and {count - SHOWN} more" if count > SHOWN else "")
            + ". Nothing was changed. If the workbook is right, import again and confirm "
            "(--yes on the command line)."
        )


def _accepted(conn: Connection) -> dict[str, tuple[str, date]]:
    """Each child's latest accepted decision that gave a worker: child -> (worker, week)."""
    found: dict[str, tuple[str, date]] = {}
    d = tables.decisions.c
    for row in conn.execute(select(d.child_id, d.worker_id, d.week).order_by(d.id)):
        if row.worker_id is None:
            found.pop(row.child_id, None)
        else:
            found[row.child_id] = (row.worker_id, row.week)
    return found


def preview_in(
    conn: Connection,
    data: TeamData,
    user: str,
    at: datetime,
    scope: Scope = None,
    *,
    service_wide: bool = False,
) -> ImportPreview:
    """Import `data` in this transaction and say what it did (roll back for a preview).

    `scope` is the teams the import replaces, as for `importing.import_data`.
    """
    before = read_team(conn)
    accepted = _accepted(conn)
    names: dict[str, str] = {w.worker_id: w.name for w in before.workers}
    names.update({w.worker_id: w.name for w in data.workers})
    diff = import_data(conn, data, user, at, scope, service_wide=service_wide)
    after = read_team(conn)
    unallocated_after = {c.child_id for c in after.new_children()}
    undone = tuple(
        UndoneAllocation(
            c.child_id,
            c.family_id,
            str(c.worker_id),
            names.get(str(c.worker_id), str(c.worker_id)),
            accepted[c.child_id][1],
        )
        for c in before.open_children()
        if c.child_id in unallocated_after
        and c.child_id in accepted
        and accepted[c.child_id][0] == c.worker_id
    )
    return ImportPreview(
        diff=diff,
        worker_names=names,
        to_allocate=tuple(c.child_id for c in after.new_children()),
        undone=undone,
    )


@dataclass(frozen=True, slots=True)
class AppliedImport:
    """An import applied: what it did, and the backup taken first (None: no SQLite file)."""

    preview: ImportPreview
    backup_path: Path | None
