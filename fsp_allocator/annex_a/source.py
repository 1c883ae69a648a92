"""Open an Annex A workbook safely and take only the named columns of its lists.

The file is checked as a team workbook is (size, zip bomb, password, not-a-workbook) before
openpyxl opens it read-only. For each list the header row is the first row holding
`Child Unique ID` (the title rows above it are skipped); from every row below it only the
columns of `headers.LISTS` are taken, so gender, ethnicity, dates of birth and the like are
never copied out of the file. An Excel error value counts as blank, with a warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from fsp_allocator.annex_a.headers import CHILD_ID, LIST_6, LISTS, ListSpec, squash
from fsp_allocator.annex_a.values import is_excel_error
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.xlsx_source import _refusal

HEADER_SEARCH_ROWS = 50  # title rows above the header: exports carry a handful


@dataclass(frozen=True, slots=True)
class ListRow:
    """One data row of a list: its Excel row number and the values of the columns read."""

    number: int
    values: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class ListSheet:
    """One Annex A list as found: its sheet, header row, column letters and rows."""

    spec: ListSpec
    sheet: str
    header_row: int
    letters: Mapping[str, str]
    rows: tuple[ListRow, ...]

    def where(self, row: int, column: str) -> str:
        """`G7`-style cell name of a column in a row (for warnings)."""
        return f"{self.letters.get(column, '?')}{row}"


def _problem(
    message: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    *,
    warning: bool = False,
) -> Problem:
    severity = Severity.WARNING if warning else Severity.ERROR
    return Problem(severity, message, sheet=sheet, row=row, column=column)


def sheet_names(path: Path) -> list[str] | None:
    """The sheet names of a workbook, or None when it cannot be opened (cheap: read-only)."""
    try:
        if _refusal(path) is not None:
            return None
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # any unreadable file: not an Annex A workbook
        return None
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_lists(path: Path) -> tuple[dict[int, ListSheet], list[Problem]]:
    """Each Annex A list found in the workbook by its number, and every problem met."""
    refusal = _refusal(path)
    if refusal is not None:
        return {}, [refusal]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken package
        return {}, [_problem(f"{path.name} is damaged and cannot be read as an Excel workbook")]
    problems: list[Problem] = []
    found: dict[int, ListSheet] = {}
    try:
        for spec in LISTS:
            titles = [t for t in book.sheetnames if spec.matches(t)]
            if len(titles) > 1:
                problems.append(
                    _problem(
                        f"the sheets {', '.join(repr(t) for t in titles)} all look like "
                        f"{spec.label}; rename or delete all but one",
                        titles[1],
                    )
                )
                continue
            if not titles:
                if spec is LIST_6:
                    problems.append(
                        _problem(
                            f"{path.name} has no List 6 sheet (children in need), so it is not an "
                            "Annex A workbook FSP Allocator can read; sheets found: "
                            + ", ".join(book.sheetnames)
                        )
                    )
                continue
            sheet = _read_sheet(spec, titles[0], book[titles[0]], problems)
            if sheet is not None:
                found[spec.number] = sheet
    finally:
        book.close()
    return found, problems


def _read_sheet(
    spec: ListSpec, title: str, worksheet: Any, problems: list[Problem]
) -> ListSheet | None:
    lines = worksheet.iter_rows(values_only=True)
    header_row, header = _find_header(lines)
    if header is None:
        problems.append(
            _problem(
                f"no row of the first {HEADER_SEARCH_ROWS} holds a '{CHILD_ID}' header, so the "
                "list's columns cannot be found",
                title,
                None,
                CHILD_ID,
            )
        )
        return None
    positions: dict[str, int] = {}
    wanted = {squash(column): column for column in spec.columns}
    for index, cell in enumerate(header):
        column = wanted.get(squash(cell))
        if column is not None and column not in positions:
            positions[column] = index
    missing = [c for c in spec.required if c not in positions]
    for column in missing:
        problems.append(
            _problem(
                f"the column '{column}' is missing from the header row; {spec.label} needs it",
                title,
                header_row,
                column,
            )
        )
    if missing:
        return None
    letters = {c: get_column_letter(i + 1) for c, i in positions.items()}
    rows = tuple(_rows(lines, header_row, positions, title, letters, problems))
    return ListSheet(spec, title, header_row, letters, rows)


def _find_header(lines: Iterator[tuple[object, ...]]) -> tuple[int, tuple[object, ...] | None]:
    target = squash(CHILD_ID)
    for number, line in enumerate(lines, start=1):
        if any(squash(cell) == target for cell in line):
            return number, line
        if number >= HEADER_SEARCH_ROWS:
            break
    return 0, None


def _rows(
    lines: Iterator[tuple[object, ...]],
    header_row: int,
    positions: Mapping[str, int],
    title: str,
    letters: Mapping[str, str],
    problems: list[Problem],
) -> Iterator[ListRow]:
    for number, line in enumerate(lines, start=header_row + 1):
        values: dict[str, object] = {}
        for column, index in positions.items():
            value = line[index] if index < len(line) else None
            if is_excel_error(value):
                problems.append(
                    _problem(
                        f"cell {letters[column]}{number} holds the Excel error "
                        f"{str(value).strip()}; it is read as blank",
                        title,
                        number,
                        column,
                        warning=True,
                    )
                )
                value = None
            values[column] = value
        if any(v is not None and str(v).strip() for v in values.values()):
            yield ListRow(number, values)
