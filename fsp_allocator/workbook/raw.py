"""A sheet as read from a file, before any value is checked: header and numbered rows.

Both sources (an .xlsx workbook, CSV files) produce `RawSheet`s, so the checks that follow
never care where the data came from. Fully blank rows are skipped (exports often carry
thousands of formatted empty rows), and every row keeps its Excel row number (header = 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fsp_allocator.workbook.cells import is_blank


@dataclass(frozen=True, slots=True)
class RawRow:
    """One non-blank data row: its Excel row number and its values, one per header column."""

    number: int
    values: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class RawSheet:
    """A sheet's header (as written) and its non-blank data rows."""

    name: str
    header: tuple[object, ...]
    rows: tuple[RawRow, ...]


def build_sheet(name: str, lines: Iterable[Sequence[object]]) -> RawSheet:
    """Turn rows of cell values (the first is the header, row 1) into a `RawSheet`.

    The header ends at its last non-blank cell; values beyond it have no column and are
    dropped. Rows that are blank across the header's width are skipped.
    """
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None:
        return RawSheet(name, (), ())
    width = _last_filled(first)
    header = tuple(first[:width])
    rows: list[RawRow] = []
    for number, line in enumerate(iterator, start=2):
        values = tuple(line[:width]) + (None,) * (width - len(line))
        if all(is_blank(value) for value in values):
            continue
        rows.append(RawRow(number, values))
    return RawSheet(name, header, tuple(rows))


def _last_filled(line: Sequence[object]) -> int:
    for index in range(len(line) - 1, -1, -1):
        if not is_blank(line[index]):
            return index + 1
    return 0
