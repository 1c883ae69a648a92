"""Read the optional `Settings` sheet (two columns, `key` and `value`) over the defaults.

The checking of each value is `fsp_allocator.settings.apply_overrides`; this module finds
the rows, refuses a key given twice or without a value, and puts each problem at its row.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fsp_allocator.domain import Settings
from fsp_allocator.settings import apply_overrides, default_settings, normalise_key
from fsp_allocator.workbook.cells import cell_text, is_blank, parse_date
from fsp_allocator.workbook.columns import SETTINGS
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.table import Table

UNKNOWN_KEY = "is not a setting FSP Allocator knows"


def read_settings(table: Table | None, week: date | None, problems: list[Problem]) -> Settings:
    """The team's settings: defaults, then the sheet's values, then `week` if given.

    Without a week from the caller or the sheet, the week is today.
    """
    values, rows = _sheet_values(table, problems) if table is not None else ({}, {})
    settings, found = apply_overrides(default_settings(date.today()), values, parse_date=parse_date)
    for problem in found:
        row_number = rows.get(problem.key)
        if problem.message == UNKNOWN_KEY:
            problems.append(_error(f"'{problem.key}' {UNKNOWN_KEY}", row_number, "key"))
        else:
            problems.append(_error(f"{problem.key}: {problem.message}", row_number))
    if week is not None:
        settings = replace(settings, week=week)
    return settings


def _sheet_values(
    table: Table, problems: list[Problem]
) -> tuple[dict[str, object], dict[str, int]]:
    """The sheet's key -> value, and key -> Excel row; blank or doubled keys are problems."""
    values: dict[str, object] = {}
    rows: dict[str, int] = {}
    if not table.has("key"):
        return values, rows
    seen: dict[str, int] = {}
    for row in table.sheet.rows:
        key = cell_text(row.values[table.index["key"]])
        value = row.values[table.index["value"]] if table.has("value") else None
        if key is None:
            problems.append(_error("the cell is blank; give the setting's name", row.number, "key"))
            continue
        if normalise_key(key) in seen:
            message = f"'{key}' is given twice (also row {seen[normalise_key(key)]}); keep one"
            problems.append(_error(message, row.number, "key"))
            continue
        seen[normalise_key(key)] = row.number
        if is_blank(value):
            if table.has("value"):
                problems.append(_error(f"the cell is blank; give a value for {key}", row.number))
            continue
        values[key] = value
        rows[key] = row.number
    return values, rows


def _error(message: str, row: int | None, column: str = "value") -> Problem:
    return Problem(Severity.ERROR, message, SETTINGS, row, column)
