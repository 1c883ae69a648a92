"""Read an .xlsx file safely into raw sheets, refusing files that are not a workbook.

The file is untrusted: it is size-checked and its zip's total uncompressed size is checked
(a zip bomb is refused) before openpyxl opens it; openpyxl parses the XML through
defusedxml (installed with the project). Cells are read as values (`data_only`), never as
formulas. A file that is password-protected (an encrypted OLE file), an old .xls, a
corrupt zip or a CSV renamed .xlsx gets one clear problem instead of a traceback.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl

from fsp_allocator.workbook.cells import is_blank
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.raw import RawSheet, build_sheet

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
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
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return _error(f"{path.name} is damaged and cannot be read as an Excel workbook")
    if total > MAX_UNCOMPRESSED_BYTES:
        return _error(
            f"{path.name} unpacks to more than {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB; "
            "it is not a plain team workbook and was not opened"
        )
    return None


def read_xlsx(path: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """Every worksheet of the workbook by its name, plus problems (merged header cells).

    When the file cannot be read at all the sheets are empty and the one problem says why.
    """
    refusal = _refusal(path)
    if refusal is not None:
        return {}, [refusal]
    try:
        with warnings.catch_warnings():
            # openpyxl warns on stderr about what it cannot read (a date serial out of range,
            # unsupported extensions); the checks report what matters at the cell instead
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except Exception:  # openpyxl raises many kinds on a broken package
        return {}, [_error(f"{path.name} is damaged and cannot be read as an Excel workbook")]
    sheets: dict[str, RawSheet] = {}
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            for merged in sheet.merged_cells.ranges:
                if merged.min_row == 1:
                    problems.append(
                        _error(
                            f"the header cells {merged.coord} are merged; unmerge them so "
                            "each column has its own name",
                            sheet=sheet.title,
                            row=1,
                        )
                    )
            sheets[sheet.title] = build_sheet(sheet.title, _lines(sheet))
    finally:
        book.close()
    return sheets, problems


def _lines(sheet: Any) -> Iterator[tuple[object, ...]]:
    """The sheet's rows, only as wide as its header: formatted empty columns cost nothing."""
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    width = max((i + 1 for i, value in enumerate(header) if not is_blank(value)), default=0)
    if width == 0:
        yield from sheet.iter_rows(min_row=1, max_row=1, values_only=True)
        return
    yield from sheet.iter_rows(min_row=1, max_col=width, values_only=True)
