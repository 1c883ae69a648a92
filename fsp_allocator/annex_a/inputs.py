"""The two optional files beside Annex A: the roster (a Workers sheet) and the families CSV.

The roster is a `Workers` sheet of the team workbook (an .xlsx holding one, or Workers.csv),
read by the team workbook's own reader so its cells are judged alike. The families file is
a CSV with the columns `child_id,family_id` (UTF-8 or Windows-1252, `,` or `;`).
"""

from __future__ import annotations

from pathlib import Path

from fsp_allocator.annex_a.values import tidy
from fsp_allocator.domain import Worker
from fsp_allocator.workbook.columns import WORKERS, WORKERS_SPEC, normalise_name
from fsp_allocator.workbook.csv_source import read_csv
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.raw import RawSheet
from fsp_allocator.workbook.table import map_columns
from fsp_allocator.workbook.workers_sheet import read_workers
from fsp_allocator.workbook.xlsx_source import read_xlsx

FAMILIES_SHEET = "families"


def _error(
    message: str, sheet: str | None = None, row: int | None = None, column: str | None = None
) -> Problem:
    return Problem(Severity.ERROR, message, sheet=sheet, row=row, column=column)


def read_roster(path: Path, problems: list[Problem]) -> tuple[Worker, ...] | None:
    """The roster's workers, or None when it could not be read (the problems say why)."""
    path = Path(path)
    if not path.is_file():
        problems.append(_error(f"the roster {path} does not exist"))
        return None
    if path.suffix.lower() == ".csv":
        sheet, found = read_csv(path, WORKERS)
        problems.extend(found)
    else:
        sheets, found = read_xlsx(path)
        problems.extend(found)
        sheet = next((s for n, s in sheets.items() if normalise_name(n) == "workers"), None)
        if sheet is None and sheets:
            problems.append(_error(f"the roster {path.name} has no sheet named Workers"))
    if sheet is None:
        return None
    table, found = map_columns(sheet, WORKERS_SPEC)
    problems.extend(found)
    if any(p.severity is Severity.ERROR for p in found):
        return None
    before = len(problems)
    workers = read_workers(table, problems).workers
    if any(p.severity is Severity.ERROR for p in problems[before:]):
        return None
    return workers


def read_families(path: Path, problems: list[Problem]) -> tuple[dict[str, str], dict[str, int]]:
    """`child_id -> family_id` and each child's CSV row, from the families file."""
    path = Path(path)
    if not path.is_file():
        problems.append(_error(f"the families file {path} does not exist"))
        return {}, {}
    sheet, found = read_csv(path, FAMILIES_SHEET)
    problems.extend(found)
    if sheet is None:
        return {}, {}
    return _family_rows(sheet, path.name, problems)


def _family_rows(
    sheet: RawSheet, name: str, problems: list[Problem]
) -> tuple[dict[str, str], dict[str, int]]:
    header = [normalise_name(h) for h in sheet.header]
    missing = [c for c in ("child_id", "family_id") if c not in header]
    for column in missing:
        problems.append(
            _error(
                f"{name} has no '{column}' column; its first line must be child_id,family_id",
                name,
                1,
                column,
            )
        )
    if missing:
        return {}, {}
    child_at, family_at = header.index("child_id"), header.index("family_id")
    families: dict[str, str] = {}
    rows: dict[str, int] = {}
    for row in sheet.rows:
        child, family = tidy(row.values[child_at]), tidy(row.values[family_at])
        if child is None or family is None:
            column = "child_id" if child is None else "family_id"
            problems.append(_error("the cell is blank", name, row.number, column))
            continue
        if child in families and families[child] != family:
            problems.append(
                _error(
                    f"child {child} is given two families ({families[child]} at row "
                    f"{rows[child]} and {family})",
                    name,
                    row.number,
                    "family_id",
                )
            )
            continue
        families[child] = family
        rows.setdefault(child, row.number)
    return families, rows
