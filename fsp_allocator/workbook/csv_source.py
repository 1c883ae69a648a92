"""Read CSV files into raw sheets: UTF-8 (with or without BOM), UTF-16 or Windows-1252, `,` or `;`.

The encoding is told as `text_encoding` describes; anything else is refused by name, never
guessed. A folder holds `Workers.csv`, `Cases.csv` and optionally `Settings.csv` (names
matched as sheet names are: case-insensitively; two files whose names match, such as
`CASES.csv` and `Cases.csv`, are an error naming both). A single CSV named after a sheet
stands for the folder it sits in, so `fsp-allocator validate Workers.csv` reads its
sibling files too. A field that FSP Allocator wrote behind a `'` guard (`'=1`, see
`writer.csv_text`) reads back without it, so ids survive a round trip unchanged.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fsp_allocator.workbook.columns import SHEET_SPECS, normalise_name
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.raw import RawSheet, SheetTooLarge, build_sheet
from fsp_allocator.workbook.safe_cells import unguard_csv_field
from fsp_allocator.workbook.text_encoding import EncodingRefused, decode_csv_bytes
from fsp_allocator.workbook.xlsx_source import MAX_FILE_BYTES


def decode(data: bytes) -> str:
    """Text of a CSV file (see `text_encoding`); raises `EncodingRefused` when unreadable."""
    return decode_csv_bytes(data).text


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
    except EncodingRefused as refused:
        message = (
            f'{path.name} cannot be read: {refused}; save it from Excel as "CSV UTF-8" '
            "(or UTF-16, or Windows-1252) and try again"
        )
        return None, [Problem(Severity.ERROR, message, sheet=sheet_name)]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        sheet = build_sheet(sheet_name, ([unguard_csv_field(f) for f in line] for line in reader))
    except SheetTooLarge as too_large:
        return None, [Problem(Severity.ERROR, f"{path.name}: {too_large}", sheet=sheet_name)]
    except csv.Error as exc:  # a cell over the csv module's limit (131,072 characters)
        message = (
            f"{path.name} cannot be read as CSV from this line on ({exc}): a cell holds more "
            "text than a spreadsheet cell can, or a quote is never closed; check the file"
        )
        return None, [Problem(Severity.ERROR, message, sheet=sheet_name, row=reader.line_num)]
    return sheet, []


def read_csv_folder(folder: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """The sheets' CSV files in `folder` (Workers, Cases, Settings; any case) by file stem."""
    wanted = {normalise_name(spec.name) for spec in SHEET_SPECS}
    sheets: dict[str, RawSheet] = {}
    problems: list[Problem] = []
    first: dict[str, Path] = {}
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv"):
        stem = normalise_name(path.stem)
        if stem not in wanted:
            continue
        if stem in first:
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"the folder has two files for one sheet, {first[stem].name} and "
                    f"{path.name}; FSP Allocator cannot tell which to read, so rename or "
                    "delete one",
                    sheet=first[stem].stem,
                )
            )
            continue
        first[stem] = path
        sheet, found = read_csv(path, path.stem)
        problems.extend(found)
        if sheet is not None:
            sheets[path.stem] = sheet
    return sheets, problems
