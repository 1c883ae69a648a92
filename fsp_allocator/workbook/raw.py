"""A sheet as read from a file, before any value is checked: header and numbered rows.

Both sources (an .xlsx workbook, CSV files) produce `RawSheet`s, so the checks that follow
never care where the data came from. Fully blank rows are skipped (exports often carry
thousands of formatted empty rows), and every row keeps its Excel row number (header = 1).

A sheet is at most `MAX_DATA_ROWS` non-blank rows under a header at most `MAX_COLUMNS`
wide: `build_sheet` stops reading as soon as either is passed (`SheetTooLarge`), so a
crafted file cannot make the reader hold millions of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fsp_allocator.workbook.cells import is_blank

MAX_DATA_ROWS = 100_000
MAX_COLUMNS = 1_000


class SheetTooLarge(Exception):
    """A sheet passes a limit; the message is one sentence naming the limit."""


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
    if width > MAX_COLUMNS:
        raise SheetTooLarge(too_many_columns(name, width))
    header = tuple(first[:width])
    rows: list[RawRow] = []
    for number, line in enumerate(iterator, start=2):
        values = tuple(line[:width]) + (None,) * (width - len(line))
        if all(is_blank(value) for value in values):
            continue
        if len(rows) == MAX_DATA_ROWS:
            raise SheetTooLarge(too_many_rows(name))
        rows.append(RawRow(number, values))
    return RawSheet(name, header, tuple(rows))


def _last_filled(line: Sequence[object]) -> int:
    for index in range(len(line) - 1, -1, -1):
        if not is_blank(line[index]):
            return index + 1
    return 0


def too_many_rows(name: str) -> str:
    """The sentence refusing a sheet over `MAX_DATA_ROWS` rows."""
    return (
        f"the sheet {name} has more than {MAX_DATA_ROWS:,} rows under its header, the most "
        "FSP Allocator reads; a team's sheet is far shorter (delete unused rows below the data)"
    )


def too_many_columns(name: str, width: int) -> str:
    """The sentence refusing a sheet whose header is over `MAX_COLUMNS` wide."""
    return (
        f"the sheet {name} has {width:,} columns in its header, more than the {MAX_COLUMNS:,} "
        "FSP Allocator reads; delete the columns it does not need"
    )
