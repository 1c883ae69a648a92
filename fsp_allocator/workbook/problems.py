"""Problems found in a workbook, each naming the sheet, the Excel row and the column.

Errors make the input unusable (exit status 2, nothing written); warnings are shown and
the work goes on. Messages are in words a team manager understands, and never carry a
child's personal data (ids only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from fsp_allocator.domain import TeamData


class Severity(StrEnum):
    """An error stops the work; a warning is shown and the work goes on."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, located as precisely as the input allows (the header is row 1)."""

    severity: Severity
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def location(self) -> str:
        """`Cases, row 7, column stage` (as much of it as is known)."""
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What reading a workbook gave: the data (None when any error) and every problem."""

    data: TeamData | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the input unusable."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems shown but not fatal."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when the data is usable (no errors)."""
        return self.data is not None and not self.errors


class WorkbookInvalid(Exception):
    """Raised by callers that need valid input; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} problem(s) in the workbook")
