"""A table model with one column where the manager chooses a family's worker from a drop-down.

The proposal's "Final worker" and a rebalance move's "To" work alike: each row carries its
candidates (worker id, label; "" = no worker: leave unallocated, or keep with the current
worker), the cell edits the row's worker id, it is bold when the manager chose, editable when a
`choose(family_id, worker_id | None)` is wired, and a value is taken only if it is a candidate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fsp_allocator.domain import FamilyId, WorkerId
from ui.models.table_base import Column, Index, RowTableModel
from ui.qt import QFont, QObject, Qt

CANDIDATES_ROLE = int(Qt.ItemDataRole.UserRole) + 10
Choose = Callable[[FamilyId, WorkerId | None], bool | None]  # False: refused


@dataclass(frozen=True)
class WorkerChoiceColumn:
    """Which column holds the choice, and how a row answers for it.

    `blank_always_allowed`: "" (no worker) is taken even when not among the row's candidates.
    `ignore_unchanged`: choosing the worker the row already has is refused (nothing to do).
    """

    column: int
    family: Callable[[Any], FamilyId]
    current: Callable[[Any], WorkerId | None]
    chosen_by_manager: Callable[[Any], bool]
    candidates: Callable[[Any], Sequence[tuple[str, str]]]
    blank_always_allowed: bool = False
    ignore_unchanged: bool = False


class WorkerChoiceModel(RowTableModel):
    """Rows shown through `Column`s, one of them a worker chosen through `choose`."""

    def __init__(
        self,
        columns: Sequence[Column],
        key: Callable[[Any], str],
        choice: WorkerChoiceColumn,
        choose: Choose | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, key, parent)
        self._choice = choice
        self._choose = choose

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The base texts, plus the drop-down's candidates, the chosen worker's id to edit, and
        bold where the manager chose."""
        if not index.isValid():
            return None
        choice = self._choice
        if role == CANDIDATES_ROLE:
            return list(choice.candidates(self.rows[index.row()]))
        if index.column() == choice.column:
            if role == Qt.ItemDataRole.EditRole:
                return choice.current(self.rows[index.row()]) or ""
            if role == Qt.ItemDataRole.FontRole and choice.chosen_by_manager(
                self.rows[index.row()]
            ):
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The choice column is editable when a choice can be made."""
        base = super().flags(index)
        if index.isValid() and index.column() == self._choice.column and self._choose is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Choose a worker id for the row's family ("" = no worker), if it is a candidate."""
        choice = self._choice
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != choice.column
            or self._choose is None
        ):
            return False
        row = self.rows[index.row()]
        chosen = str(value or "")
        allowed = not chosen and choice.blank_always_allowed
        if not allowed and chosen not in {c for c, _ in choice.candidates(row)}:
            return False
        worker = WorkerId(chosen) if chosen else None
        if choice.ignore_unchanged and worker == choice.current(row):
            return False
        return self._choose(choice.family(row), worker) is not False
