"""The Team view's model: the roster with each worker's load against capacity, editable in place.

An edit is parsed as the importer parses a cell; a bad value is refused with a sentence
(signal `edit_rejected`), a good one is handed to `commit(worker) -> bool` (the session, which
saves it through the workspace as an undo step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fsp_allocator.domain import ROLE_LABELS, Role, TeamData, Worker
from fsp_allocator.weighting import WorkerLoad, court_cap, worker_loads
from ui.colours import load_colour
from ui.edits import edit_worker
from ui.formatting import day, joined, number, percent, yes_no
from ui.models.table_base import Column, Index, RowTableModel
from ui.qt import QColor, QObject, Qt, Signal


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One worker with their current load and their court cap."""

    worker: Worker
    load: WorkerLoad
    court_cap: int


def _marks(row: RosterRow) -> str:
    marks = []
    if row.worker.role is Role.ASYE:
        marks.append("ASYE: protected caseload")
    if row.worker.agency:
        marks.append("agency")
    if not row.worker.accepting:
        marks.append("closed to new work")
    return ", ".join(marks)


def _load_colour(row: RosterRow) -> QColor | None:
    return load_colour(row.load.ratio) if row.load.capacity > 0 else None


def _weighted_text(row: RosterRow) -> str:
    """Weighted units for a lead worker; "8 families of 8" for an adult practitioner, whose
    load is a count of families (not units), so the cell says what the number is."""
    if row.worker.role.leads:
        return number(row.load.load)
    if row.load.capacity <= 0:
        return ""  # a family support worker carries no caseload of their own
    families = row.load.families
    return f"{families} famil{'y' if families == 1 else 'ies'} of {number(row.load.capacity)}"


def _court_colour(row: RosterRow) -> QColor | None:
    if not row.worker.role.leads:
        return None
    return load_colour(row.load.court / row.court_cap if row.court_cap else 2.0)


def _load_text(row: RosterRow) -> str:
    return percent(row.load.ratio) if row.load.capacity > 0 else ""


COLUMNS = (
    Column("ID", lambda r: r.worker.worker_id, tip="Staff id (cannot be changed)"),
    Column("Name", lambda r: r.worker.name),
    Column(
        "Role",
        lambda r: r.worker.role.value,
        tip="; ".join(f"{role.value}: {label}" for role, label in ROLE_LABELS.items()),
    ),
    Column(
        "FTE",
        lambda r: number(r.worker.fte),
        lambda r: r.worker.fte,
        "Full-time equivalence, above 0 and at most 1",
        right=True,
    ),
    Column(
        "Load",
        _load_text,
        lambda r: r.load.ratio,
        "Load as a share of capacity",
        _load_colour,
        right=True,
    ),
    Column(
        "Court",
        lambda r: f"{r.load.court} / {r.court_cap}" if r.worker.role.leads else "",
        lambda r: r.load.court,
        "Families in PLO or court led, against the cap",
        _court_colour,
        right=True,
    ),
    Column(
        "Children",
        lambda r: str(r.load.children),
        lambda r: r.load.children,
        "Children led (families for adult practitioners)",
        right=True,
    ),
    Column("Marks", _marks, tip="ASYE (newly qualified), agency, closed to new work"),
    Column(
        "Weighted load",
        _weighted_text,
        lambda r: r.load.load,
        "Sum of the weights of the children led; for an adult practitioner, the families "
        "worked with against their capacity in families",
        right=True,
    ),
    Column(
        "Capacity",
        lambda r: number(r.load.capacity),
        lambda r: r.load.capacity,
        "Capacity in weighted units (families for adult practitioners); "
        "type a number to override the role's default",
        right=True,
    ),
    Column(
        "Court cap",
        lambda r: number(r.worker.court_cap),
        lambda r: r.worker.court_cap,
        "This worker's own court cap (blank: the team's)",
        right=True,
    ),
    Column(
        "Accepting", lambda r: yes_no(r.worker.accepting), tip="Open to new allocations: yes or no"
    ),
    Column(
        "Available from",
        lambda r: day(r.worker.available_from),
        lambda r: r.worker.available_from,
        "Not allocatable before this date",
    ),
    Column(
        "Available to",
        lambda r: day(r.worker.available_to),
        lambda r: r.worker.available_to,
        "Not allocatable after this date",
    ),
    Column("Agency", lambda r: yes_no(r.worker.agency), tip="Agency worker: yes or no"),
    Column("Skills", lambda r: joined(r.worker.skills), tip="Tags separated by ; or ,"),
    Column("Locality", lambda r: r.worker.locality or ""),
    Column("Team", lambda r: r.worker.team),
)

_FIELDS_BY_HEADER = {
    "Name": "name",
    "Role": "role",
    "FTE": "fte",
    "Agency": "agency",
    "Accepting": "accepting",
    "Available from": "available_from",
    "Available to": "available_to",
    "Court cap": "court_cap",
    "Capacity": "capacity",
    "Skills": "skills",
    "Locality": "locality",
}
# column index -> Worker field edited there
EDITABLE = {
    i: _FIELDS_BY_HEADER[c.header] for i, c in enumerate(COLUMNS) if c.header in _FIELDS_BY_HEADER
}


class RosterModel(RowTableModel):
    """Workers of the workspace; editable cells validated as the importer validates them."""

    edit_rejected = Signal(str)

    def __init__(
        self, commit: Callable[[Worker], bool] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(COLUMNS, lambda r: r.worker.worker_id, parent)
        self._commit = commit

    def set_data(self, data: TeamData) -> None:
        """Show the roster of `data` with current loads."""
        loads = worker_loads(data)
        self.set_rows(
            [RosterRow(w, loads[w.worker_id], court_cap(w, data.settings)) for w in data.workers]
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Editable where a field can be changed (and a commit is wired)."""
        base = super().flags(index)
        if index.isValid() and self._commit is not None and index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Parse the typed value; refuse it with a sentence, or commit the changed worker."""
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() not in EDITABLE
            or self._commit is None
        ):
            return False
        row: RosterRow = self.rows[index.row()]
        field = EDITABLE[index.column()]
        if field == "capacity" and str(value).strip() == number(row.load.capacity):
            return False  # shown capacity unchanged: keep the role's default
        try:
            updated = edit_worker(row.worker, field, value)
        except ValueError as exc:
            header = self.columns[index.column()].header
            self.edit_rejected.emit(f"{header} of {row.worker.worker_id}: {exc}")
            return False
        if updated == row.worker:
            return False
        return self._commit(updated)
