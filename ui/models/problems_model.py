"""The import problems, one per row, naming the sheet, the Excel row and the column."""

from __future__ import annotations

from collections.abc import Sequence

from fsp_allocator.workbook.problems import Problem, Severity
from ui.models.table_base import Column, RowTableModel
from ui.qt import QColor, QObject

COLUMNS = (
    Column(
        "Severity",
        lambda p: p.severity.value,
        background=lambda p: QColor("#FFC7CE" if p.severity is Severity.ERROR else "#FFEB9C"),
    ),
    Column("Sheet", lambda p: p.sheet or ""),
    Column("Row", lambda p: "" if p.row is None else str(p.row), lambda p: p.row, right=True),
    Column("Column", lambda p: p.column or ""),
    Column("Problem", lambda p: p.message),
)


class ProblemsModel(RowTableModel):
    """Problems found in a workbook, as the core reports them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda p: str(id(p)), parent)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        """Show `problems` in the order the core reported them."""
        self.set_rows(list(problems))
