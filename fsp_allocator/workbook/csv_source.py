"""Read CSV files into raw sheets: UTF-8 (with or without BOM) or Windows-1252, `,` or `;`.

A folder holds `Workers.csv`, `Cases.csv` and optionally `Settings.csv` (names matched as
sheet names are: case-insensitively). A single CSV named after a sheet stands for the
folder it sits in, so `fsp-allocator validate Workers.csv` reads its sibling files too.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fsp_allocator.workbook.columns import SHEET_SPECS, normalise_name
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.raw import RawSheet, build_sheet
from fsp_allocator.workbook.xlsx_source import MAX_FILE_BYTES


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (a BOM is dropped) when valid, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def sniff_delimiter(text: str) -> str:
    """`;` when the header line has more semicolons than commas, else `,`."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if header.count(";") > header.count(",") else ","


def read_csv(path: Path, sheet_name: str) -> tuple[RawSheet | None, list[Problem]]:
    """One CSV file as the sheet `sheet_name`, or None and the problem that stopped it."""
    if path.stat().st_size > MAX_FILE_BYTES:
        return None, [Problem(Severity.ERROR, f"{path.name} is too large to be a team sheet")]
    try:
        text = decode(path.read_bytes())
    except UnicodeDecodeError:
        message = f"{path.name} is not a text file in UTF-8 or Windows-1252; save it as CSV UTF-8"
        return None, [Problem(Severity.ERROR, message, sheet=sheet_name)]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        lines = list(reader)
    except csv.Error as exc:  # a cell over the csv module's limit (131,072 characters)
        message = (
            f"{path.name} cannot be read as CSV from this line on ({exc}): a cell holds more "
            "text than a spreadsheet cell can, or a quote is never closed; check the file"
        )
        return None, [Problem(Severity.ERROR, message, sheet=sheet_name, row=reader.line_num)]
    return build_sheet(sheet_name, lines), []


def read_csv_folder(folder: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """The sheets' CSV files in `folder` (Workers, Cases, Settings; any case) by file stem."""
    wanted = {normalise_name(spec.name) for spec in SHEET_SPECS}
    sheets: dict[str, RawSheet] = {}
    problems: list[Problem] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv"):
        stem = normalise_name(path.stem)
        if stem not in wanted or stem in {normalise_name(name) for name in sheets}:
            continue
        sheet, found = read_csv(path, path.stem)
        problems.extend(found)
        if sheet is not None:
            sheets[path.stem] = sheet
    return sheets, problems
