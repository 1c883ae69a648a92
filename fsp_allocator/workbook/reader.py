"""Read a team workbook (.xlsx, or CSV files) into `TeamData`, finding every problem at once.

`read_team` never raises on bad input: whatever is wrong with the file, its sheets, its
cells or the references between rows comes back as `Problem`s in one `ImportResult`,
each naming the sheet, the Excel row (header = row 1) and the column. The data is given
only when there is no error; warnings never stop it.

Accepted inputs: an .xlsx (or .xlsm) workbook; a folder holding `Workers.csv`, `Cases.csv`
and optionally `Settings.csv`; or one of those CSV files, which stands for its folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fsp_allocator.domain import TeamData
from fsp_allocator.workbook.cases_sheet import read_cases
from fsp_allocator.workbook.checks import check_team
from fsp_allocator.workbook.columns import (
    CASES_SPEC,
    SETTINGS_SPEC,
    SHEET_SPECS,
    WORKERS_SPEC,
    SheetSpec,
    normalise_name,
)
from fsp_allocator.workbook.csv_source import read_csv_folder
from fsp_allocator.workbook.problems import ImportResult, Problem, Severity
from fsp_allocator.workbook.raw import RawSheet
from fsp_allocator.workbook.settings_sheet import read_settings
from fsp_allocator.workbook.table import Table, map_columns
from fsp_allocator.workbook.workers_sheet import read_workers, team_lookup
from fsp_allocator.workbook.xlsx_source import read_xlsx

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})


def read_team(path: Path, *, week: date | None = None) -> ImportResult:
    """Read and check the team workbook at `path`; `week` overrides the Settings week.

    Without `week` the Settings sheet's `week` is used, else today.
    """
    path = Path(path)
    sheets, problems = _read_source(path)
    if not sheets and problems:  # the file itself could not be read
        return ImportResult(None, tuple(problems))
    tables = _tables(sheets, problems, from_folder=path.is_dir() or path.suffix.lower() == ".csv")
    workers_table, cases_table = tables.get(WORKERS_SPEC.name), tables.get(CASES_SPEC.name)
    workers = read_workers(workers_table, problems) if workers_table else None
    roster = workers.workers if workers else ()
    index = {w.worker_id: w for w in roster}
    children = (
        read_cases(cases_table, index, team_lookup(roster), problems) if cases_table else None
    )
    settings = read_settings(tables.get(SETTINGS_SPEC.name), week, problems)
    roster_readable = bool(
        workers_table and workers_table.has("worker_id") and workers_table.sheet.rows
    )
    if workers is not None and children is not None and roster_readable:
        problems += check_team(
            TeamData(roster, children.children, settings),
            worker_rows=workers.rows,
            child_rows=children.rows,
            also_known=workers.failed_ids,
        )
    problems.sort(key=_reading_order)
    if any(p.severity is Severity.ERROR for p in problems) or not (workers and children):
        return ImportResult(None, tuple(problems))
    return ImportResult(TeamData(roster, children.children, settings), tuple(problems))


def _read_source(path: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """The raw sheets of the file or folder, or a problem saying why none could be read."""
    try:
        if path.is_dir():
            return read_csv_folder(path)
        if not path.exists():
            return {}, [_error(f"{path} does not exist")]
        suffix = path.suffix.lower()
        if suffix == ".csv":
            if normalise_name(path.stem) in {normalise_name(s.name) for s in SHEET_SPECS}:
                return read_csv_folder(path.parent)
            return {}, [
                _error(
                    f"{path.name} is a single CSV file; name the files Workers.csv, Cases.csv "
                    "and Settings.csv and give their folder (or save the team as one .xlsx)"
                )
            ]
        if suffix in WORKBOOK_SUFFIXES:
            return read_xlsx(path)
        if suffix == ".xls":
            return {}, [
                _error(f"{path.name} is an old-style .xls file; save it as .xlsx and try again")
            ]
        return {}, [
            _error(
                f"{path.name} is not a file FSP Allocator reads; give an .xlsx workbook or a "
                "folder of CSV files"
            )
        ]
    except OSError as exc:
        return {}, [_error(f"{path.name} could not be read ({exc.strerror or exc})")]


def _tables(
    sheets: dict[str, RawSheet], problems: list[Problem], *, from_folder: bool
) -> dict[str, Table]:
    """Each known sheet with its columns located; missing or empty sheets are problems."""
    by_name: dict[str, RawSheet] = {}
    for name, raw in sheets.items():
        first = by_name.setdefault(normalise_name(name), raw)
        if first is not raw and normalise_name(name) in _SPEC_NAMES:
            problems.append(
                _error(
                    f"two sheets are named {first.name!r} and {name!r}; FSP Allocator cannot "
                    "tell which to read, so rename or delete one",
                    name,
                )
            )
    tables: dict[str, Table] = {}
    for spec in SHEET_SPECS:
        sheet = by_name.get(normalise_name(spec.name))
        if sheet is None:
            if spec is not SETTINGS_SPEC and not _reported(spec, problems):
                problems.append(_missing(spec, from_folder))
            continue
        if not sheet.header and spec is not SETTINGS_SPEC:
            problems.append(
                _error(
                    "the sheet is empty or its row 1 is blank; put the column names in row 1 "
                    f"and {_needs(spec)} below",
                    spec.name,
                    1,
                )
            )
            continue
        table, found = map_columns(sheet, spec)
        problems.extend(found)
        if not sheet.rows and spec is not SETTINGS_SPEC:
            problems.append(
                _error(f"the sheet has no rows under its header; {_needs(spec)}", spec.name, 2)
            )
        tables[spec.name] = table
    return tables


def _reported(spec: SheetSpec, problems: list[Problem]) -> bool:
    """Whether the sheet's file is already reported unreadable (so not also "missing")."""
    name = normalise_name(spec.name)
    return any(p.sheet is not None and normalise_name(p.sheet) == name for p in problems)


def _needs(spec: SheetSpec) -> str:
    return (
        "list one worker per row"
        if spec is WORKERS_SPEC
        else "list one child per row (open cases and the new cases to allocate)"
    )


def _missing(spec: SheetSpec, from_folder: bool) -> Problem:
    if from_folder:
        return _error(f"the folder has no {spec.name}.csv file", spec.name)
    return _error(f"the workbook has no sheet named {spec.name}", spec.name)


def _error(message: str, sheet: str | None = None, row: int | None = None) -> Problem:
    return Problem(Severity.ERROR, message, sheet=sheet, row=row)


_SPEC_NAMES = frozenset(normalise_name(spec.name) for spec in SHEET_SPECS)
_SHEET_ORDER = {spec.name: position for position, spec in enumerate(SHEET_SPECS)}


def _reading_order(problem: Problem) -> tuple[int, int]:
    """Sheet by sheet (file problems first), then by row; stable within a row."""
    sheet = -1 if problem.sheet is None else _SHEET_ORDER.get(problem.sheet, len(_SHEET_ORDER))
    return sheet, problem.row or 0
