"""Build real team workbooks and broken files on disk for the import and validate tests."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import openpyxl

Rows = list[list[object]]

WORKERS_HEADER: list[object] = ["worker_id", "name", "role", "fte", "team", "court_cap", "skills"]
CASES_HEADER: list[object] = [
    "child_id",
    "family_id",
    "stage",
    "worker_id",
    "previous_worker_id",
    "factors",
    "referral_date",
]


def workers_rows() -> Rows:
    """A small valid roster: two social workers, an ASYE, a DA practitioner and an FSW."""
    return [
        list(WORKERS_HEADER),
        ["W1", "Sam Lee", "SW", 1, "North", None, "teenagers; polish"],
        ["W2", "Ann Bo", "SENIOR", 0.8, "North", 2, None],
        ["W3", "Kit Ray", "ASYE", 1, "North", None, None],
        ["A1", "Dee Ash", "DA", 0.5, "North", None, None],
        ["S1", "Fay Orr", "FSW", 1, "North", None, None],
    ]


def cases_rows() -> Rows:
    """Open cases of W1 and W2, and two new families (one a sibling group)."""
    return [
        list(CASES_HEADER),
        ["C1", "F1", "CP", "W1", None, "3B;4B", datetime(2026, 9, 1)],
        ["C2", "F1", "CP", "W1", None, None, datetime(2026, 9, 1)],
        ["C3", "F2", "COURT", "W2", None, "16A", "2026-05-04"],
        ["C10", "F10", "ASSESSMENT", None, "W3", "1B", "20/11/2026"],
        ["C11", "F11", "CIN", None, None, None, None],
        ["C12", "F11", "CIN", None, None, "21", None],
    ]


def settings_rows() -> Rows:
    """A Settings sheet that sets the week and the court cap."""
    return [["key", "value"], ["week", "23/11/2026"], ["court_cap", 2]]


def write_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    """Write an .xlsx with one sheet per entry, rows as given (the first is the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def team_workbook(path: Path, **replace: Rows) -> Path:
    """The valid team workbook, with any sheet replaced (`Cases=...`) or dropped (`Cases=[]`)."""
    sheets = {"Workers": workers_rows(), "Cases": cases_rows(), "Settings": settings_rows()}
    sheets.update(replace)
    return write_workbook(path, {name: rows for name, rows in sheets.items() if rows})


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str, delimiter: str) -> Path:
    """Write rows as CSV text in `encoding` with `delimiter` (values as text, as Excel does)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else _csv_text(v) for v in row])
    return path


def _csv_text(value: object) -> str:
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    return str(value)


def csv_folder(folder: Path, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """The valid team as a folder of Workers.csv, Cases.csv and Settings.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "Workers.csv", workers_rows(), encoding, delimiter)
    write_csv(folder / "Cases.csv", cases_rows(), encoding, delimiter)
    write_csv(folder / "Settings.csv", settings_rows(), encoding, delimiter)
    return folder


def password_protected(path: Path) -> Path:
    """An encrypted Office file as Excel saves it: an OLE compound file, not a zip."""
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    return path


def corrupt_zip(path: Path) -> Path:
    """A file that starts like an .xlsx (zip) but is cut short."""
    good = team_workbook(path.with_name("good_" + path.name)).read_bytes()
    path.write_bytes(good[: len(good) // 3])
    return path


def zip_without_workbook(path: Path) -> Path:
    """A valid zip file that holds no workbook parts."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return path


def csv_renamed_xlsx(path: Path) -> Path:
    """A CSV file saved with an .xlsx name."""
    return write_csv(path, workers_rows(), "utf-8", ",")


def merged_header(path: Path) -> Path:
    """A team workbook whose Workers header has two cells merged."""
    team_workbook(path)
    book = openpyxl.load_workbook(path)
    book["Workers"].merge_cells("B1:C1")
    book.save(path)
    return path


def blank_formatted_rows(path: Path, count: int = 5000) -> Path:
    """A team workbook whose Cases sheet carries `count` formatted but empty rows at the end."""
    team_workbook(path)
    book = openpyxl.load_workbook(path)
    sheet = book["Cases"]
    start = sheet.max_row + 1
    for row in range(start, start + count):
        for column in (1, 2, 3):
            sheet.cell(row=row, column=column).number_format = "0.00"
    book.save(path)
    return path
