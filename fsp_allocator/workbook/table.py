"""Match a raw sheet's header to the spec's columns, then read its rows cell by cell.

`map_columns` finds each known column (names normalised as in `columns`), reports a
missing required column or a column given twice, and keeps the unknown columns as extras.
`RowReader` reads one row's cells through the `cells` parsers and turns every failure into
a `Problem` naming the sheet, the Excel row and the column, so one pass finds them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from openpyxl.utils import get_column_letter

from fsp_allocator.workbook.cells import cell_text, is_blank
from fsp_allocator.workbook.columns import SheetSpec, normalise_name
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.raw import RawRow, RawSheet

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet with its columns located: known columns by name, unknown ones by header."""

    spec: SheetSpec
    sheet: RawSheet
    index: Mapping[str, int]
    extras: Mapping[str, int]

    def has(self, column: str) -> bool:
        """Whether the sheet has this (known) column."""
        return column in self.index


def map_columns(sheet: RawSheet, spec: SheetSpec) -> tuple[Table, list[Problem]]:
    """Locate the spec's columns in the header; problems for missing or doubled columns."""
    problems: list[Problem] = []
    index: dict[str, int] = {}
    extras: dict[str, int] = {}
    for position, heading in enumerate(sheet.header):
        name = normalise_name(heading)
        if not name:
            continue
        if name in index:
            first = get_column_letter(index[name] + 1)
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"the column '{name}' appears twice (columns {first} and "
                    f"{get_column_letter(position + 1)}); keep one",
                    sheet=spec.name,
                    row=1,
                    column=name,
                )
            )
        elif name in spec.known:
            index[name] = position
        else:
            extras[cell_text(heading) or name] = position
    for column in spec.required:
        if column not in index:
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"the required column '{column}' is missing; add a column headed {column}",
                    sheet=spec.name,
                    row=1,
                    column=column,
                )
            )
    table = Table(spec, sheet, MappingProxyType(index), MappingProxyType(extras))
    return table, problems


class RowReader:
    """Reads the cells of one row; each failure is recorded as a problem, never raised."""

    def __init__(self, table: Table, row: RawRow, problems: list[Problem], noun: str) -> None:
        self.table = table
        self.row = row
        self.problems = problems
        self.noun = noun
        self.failed = False

    def raw(self, column: str) -> object:
        """The raw value in `column`, or None when the sheet lacks the column."""
        position = self.table.index.get(column)
        return None if position is None else self.row.values[position]

    def required(self, column: str, parse: Callable[[object], T]) -> T | None:
        """A value the row must have; blank or unreadable is an error (and None)."""
        value = self.raw(column)
        if is_blank(value):
            if self.table.has(column):  # a missing column is reported once, at the header
                self.error(column, f"the cell is blank; every {self.noun} needs a {column}")
            self.failed = True
            return None
        return self._parse(column, value, parse)

    def optional(self, column: str, parse: Callable[[object], T], default: T) -> T:
        """A value the row may leave blank (then `default`); unreadable is an error."""
        value = self.raw(column)
        if is_blank(value):
            return default
        parsed = self._parse(column, value, parse)
        return default if parsed is None else parsed

    def _parse(self, column: str, value: object, parse: Callable[[object], T]) -> T | None:
        try:
            return parse(value)
        except ValueError as exc:
            self.error(column, str(exc))
            self.failed = True
            return None

    def error(self, column: str | None, message: str) -> None:
        """Record an error at this row."""
        self.problems.append(
            Problem(Severity.ERROR, message, self.table.spec.name, self.row.number, column)
        )

    def extras(self) -> dict[str, str]:
        """The unknown columns' non-blank values, header -> text."""
        found = {}
        for heading, position in self.table.extras.items():
            text = cell_text(self.row.values[position])
            if text is not None:
                found[heading] = text
        return found
