"""Read an .xlsx file safely into raw sheets, refusing files that are not a workbook.

The file is untrusted. It is size-checked, then `xlsx_scan` streams every zip member
against a decompressed-size budget (a zip bomb is refused before openpyxl opens it) and
counts each worksheet's rows, merged cells and formulas without a saved value. openpyxl
then reads it in read-only mode (rows streamed, never the whole sheet as cell objects),
only the sheets FSP Allocator reads, only as wide as their header; it parses the XML
through defusedxml (installed with the project). Cells are read as values (`data_only`),
never as formulas. A file that is password-protected (an encrypted OLE file), an old
.xls, a corrupt zip or a CSV renamed .xlsx gets one clear problem instead of a traceback.
"""

from __future__ import annotations

import contextlib
import re
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.reader import excel as openpyxl_excel
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from fsp_allocator.workbook.cells import DateSerialOutOfRange, is_blank
from fsp_allocator.workbook.columns import SHEET_SPECS, normalise_name
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.raw import (
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    RawSheet,
    SheetTooLarge,
    build_sheet,
    too_many_columns,
    too_many_rows,
)
from fsp_allocator.workbook.xlsx_scan import (
    MAX_UNCOMPRESSED_BYTES,
    PackageRefused,
    SheetScan,
    scan_package,
)

MAX_FILE_BYTES = 50 * 1024 * 1024
__all__ = ["MAX_FILE_BYTES", "MAX_UNCOMPRESSED_BYTES", "read_xlsx"]
_READ_SHEETS = frozenset(normalise_name(spec.name) for spec in SHEET_SPECS)
_DATE_WARNING = re.compile(
    r"Cell (\$?[A-Z]{1,3}\$?\d+) is marked as a date but the serial value (\S+)"
)
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"


def _error(message: str, sheet: str | None = None, row: int | None = None) -> Problem:
    return Problem(Severity.ERROR, message, sheet=sheet, row=row)


def _refusal(path: Path) -> Problem | None:
    """Why this file cannot be opened as a workbook, or None when it may be tried."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _error(
            f"{path.name} is {size // (1024 * 1024)} MB; a team workbook is far smaller "
            f"(the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)"
        )
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(OLE_MAGIC[:4]):
        return _error(
            f"{path.name} is password-protected or an old-style .xls file; "
            "remove the password, or save it as an Excel Workbook (.xlsx), and try again"
        )
    if not start.startswith(ZIP_MAGIC):
        return _error(
            f"{path.name} is not an Excel workbook (it may be a CSV or text file renamed "
            "to .xlsx); open it in Excel and save it as an Excel Workbook (.xlsx)"
        )
    return None


class _UnsizedSheet(ReadOnlyWorksheet):
    """A read-only sheet that does not look for its size when opened.

    openpyxl reads a sheet's `<dimension>` on opening, and when a file leaves it out it
    parses the whole sheet to look for it: every sheet, even those never read. The size is
    not needed (and not trusted: `reset_dimensions` drops it), so it is not looked for.
    """

    def _get_size(self) -> None:
        self._min_column = self._min_row = 1
        self._max_column = self._max_row = None


_OPENING = threading.Lock()


@contextlib.contextmanager
def _sizes_not_searched() -> Iterator[None]:
    """While openpyxl opens a workbook, its read-only sheets are `_UnsizedSheet`s."""
    with _OPENING:
        original = openpyxl_excel.ReadOnlyWorksheet
        openpyxl_excel.ReadOnlyWorksheet = _UnsizedSheet
        try:
            yield
        finally:
            openpyxl_excel.ReadOnlyWorksheet = original


def read_xlsx(path: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """The worksheets FSP Allocator reads, by name, plus problems found on the way.

    When the file cannot be read at all the sheets are empty and the one problem says why.
    A sheet over a limit is left out with a problem naming it (and the limit).
    """
    refusal = _refusal(path)
    if refusal is not None:
        return {}, [refusal]
    try:
        scans = scan_package(path)
    except PackageRefused as refused:
        return {}, [_error(str(refused))]
    try:
        with warnings.catch_warnings():
            # openpyxl warns on stderr about what it cannot read (unsupported extensions);
            # the checks report what matters at the cell instead
            warnings.simplefilter("ignore", UserWarning)
            with _sizes_not_searched():
                book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds on a broken package
        return {}, [_error(f"{path.name} is damaged and cannot be read as an Excel workbook")]
    sheets: dict[str, RawSheet] = {}
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            if normalise_name(sheet.title) not in _READ_SHEETS:
                continue  # a notes or pivot sheet: never read, so never a cost
            scan = scans.get(str(getattr(sheet, "_worksheet_path", "")).lstrip("/"), SheetScan())
            read = _read_sheet(path, sheet, scan, problems)
            if read is not None:
                sheets[sheet.title] = read
    finally:
        book.close()
    return sheets, problems


def _read_sheet(
    path: Path, sheet: Any, scan: SheetScan, problems: list[Problem]
) -> RawSheet | None:
    """One worksheet as a raw sheet, or None (and a problem) when it passes a limit."""
    title = sheet.title
    if scan.value_rows > MAX_DATA_ROWS + 1:
        problems.append(_error(too_many_rows(title), sheet=title))
        return None
    sheet.reset_dimensions()  # the file's own <dimension> is not trusted
    try:
        raw = build_sheet(title, _lines(sheet))
    except SheetTooLarge as too_large:
        problems.append(_error(str(too_large), sheet=title))
        return None
    except Exception:  # a row number beyond Excel's, a broken cell: the sheet is damaged
        problems.append(
            _error(f"{path.name}: the sheet {title} is damaged and cannot be read", sheet=title)
        )
        return None
    width = len(raw.header)
    for ref in scan.merged:
        if ref.split(":")[0].lstrip("$").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "1":
            problems.append(
                _error(
                    f"the header cells {ref} are merged; unmerge them so each column has its "
                    "own name",
                    sheet=title,
                    row=1,
                )
            )
    for ref in scan.merged_data_ranges(width):
        problems.append(
            Problem(
                Severity.ERROR,
                f"the cells {ref} are merged; a merged range keeps its value only in its first "
                "cell, so the others would read as blank: unmerge them and fill in each cell",
                title,
                _first_row(ref),
            )
        )
    if scan.unsaved_count:
        problems.append(_unsaved(scan, title))
    return raw


def _first_row(ref: str) -> int | None:
    try:
        return coordinate_from_string(ref.split(":")[0].replace("$", ""))[1]
    except ValueError:
        return None


def _unsaved(scan: SheetScan, title: str) -> Problem:
    cells = ", ".join(scan.unsaved_formulas)
    more = scan.unsaved_count - len(scan.unsaved_formulas)
    listed = f"{cells} and {more} more" if more > 0 else cells
    noun = "a formula" if scan.unsaved_count == 1 else "formulas"
    return Problem(
        Severity.ERROR,
        f"{'cell' if scan.unsaved_count == 1 else 'cells'} {listed} "
        f"{'holds' if scan.unsaved_count == 1 else 'hold'} {noun} with no saved "
        "value (the file was made by a program, not saved in Excel), so FSP Allocator cannot "
        "see what they show; open the file in Excel, save it, and try again",
        title,
        _first_row(scan.unsaved_formulas[0]) if scan.unsaved_formulas else None,
    )


def _lines(sheet: Any) -> Iterator[tuple[object, ...]]:
    """The sheet's rows, only as wide as its header: formatted empty columns cost nothing.

    A date-formatted cell whose serial is outside Excel's dates becomes a
    `DateSerialOutOfRange` (openpyxl would give the text '#VALUE!').
    """
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    width = max((i + 1 for i, value in enumerate(header) if not is_blank(value)), default=0)
    if width > MAX_COLUMNS:
        raise SheetTooLarge(too_many_columns(sheet.title, width))
    if width == 0:
        yield tuple(header)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        for row in sheet.iter_rows(min_row=1, max_col=width, values_only=True):
            if caught:
                row = _mark_bad_dates(row, caught)
                caught.clear()
            yield row


def _mark_bad_dates(
    row: tuple[object, ...], caught: list[warnings.WarningMessage]
) -> tuple[object, ...]:
    """The row with each cell openpyxl warned about replaced by its out-of-range serial."""
    values = list(row)
    for warning in caught:
        match = _DATE_WARNING.search(str(warning.message))
        if match is None:
            continue
        letters, _ = coordinate_from_string(match.group(1).replace("$", ""))
        column = column_index_from_string(letters) - 1
        if column < len(values):
            values[column] = DateSerialOutOfRange(match.group(2))
    return tuple(values)
