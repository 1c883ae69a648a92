"""Write a team workbook (`Workers`, `Cases`, `Settings`) exactly as the data contract reads it.

The demo, the template and the workspace's export all write through here, so what the app
writes is always what it can read back (spec/workbook.md). Text cells are written safely
(`safe_cells`), dates as real Excel dates, lists joined with `;`, yes/no as `yes`/`no`, and
each record's `extra` columns (unknown columns kept from the manager's own sheet) follow
the contract's columns.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.domain import Child, TeamData, Worker
from fsp_allocator.safe_write import atomic_path, workbook_bytes
from fsp_allocator.settings import normalise_key, settings_rows
from fsp_allocator.workbook.columns import (
    CASES,
    CASES_SPEC,
    SETTINGS,
    WORKERS,
    WORKERS_SPEC,
)
from fsp_allocator.workbook.safe_cells import CellValue, guard_csv_field, set_text, set_value

# One list of columns for reading and writing: the writer follows the reader's specs.
WORKERS_SHEET = WORKERS
CASES_SHEET = CASES
SETTINGS_SHEET = SETTINGS

WORKER_COLUMNS: tuple[str, ...] = WORKERS_SPEC.known
CASE_COLUMNS: tuple[str, ...] = CASES_SPEC.known
SETTINGS_COLUMNS: tuple[str, ...] = ("key", "value")

LIST_SEPARATOR = ";"
MIN_WIDTH, MAX_WIDTH = 8, 40
WIDTH_SAMPLE_ROWS = 200  # widths are judged on the first rows: quick on a county's workbook


def yes_no(flag: bool) -> str:
    """The workbook's spelling of a yes/no value."""
    return "yes" if flag else "no"


def join_list(items: Iterable[str]) -> str | None:
    """A list cell: items joined with `;`, blank when empty."""
    text = LIST_SEPARATOR.join(items)
    return text or None


def worker_row(worker: Worker) -> list[CellValue]:
    """One `Workers` row in `WORKER_COLUMNS` order."""
    return [
        worker.worker_id,
        worker.name,
        worker.role.value,
        worker.fte,
        worker.team,
        yes_no(worker.agency),
        worker.available_from,
        worker.available_to,
        yes_no(worker.accepting),
        worker.court_cap,
        worker.capacity,
        join_list(worker.skills),
        worker.locality,
        yes_no(worker.release),
    ]


def case_row(child: Child) -> list[CellValue]:
    """One `Cases` row in `CASE_COLUMNS` order."""
    return [
        child.child_id,
        child.family_id,
        child.stage.value,
        child.worker_id,
        child.previous_worker_id,
        join_list(child.factors),
        child.complexity,
        child.referral_date,
        child.team,
        child.locality,
        join_list(child.needs),
        join_list(child.adult_worker_ids),
        child.pin_worker_id,
        join_list(child.exclude_worker_ids),
    ]


def extra_headers(columns: Sequence[str], records: Iterable[Worker | Child]) -> list[str]:
    """The `extra` headers of the records in first-seen order, minus any contract column."""
    taken = {normalise_key(c) for c in columns}
    headers: dict[str, None] = {}
    for record in records:
        for header in record.extra:
            key = normalise_key(header)
            if key and key not in taken:
                taken.add(key)
                headers.setdefault(header, None)
    return list(headers)


def setting_value(key: str, text: str) -> CellValue:
    """A Settings value as the cell type a manager expects: the week a date, numbers numbers."""
    if key == "week":
        return date.fromisoformat(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def write_sheet(sheet: Worksheet, headers: Sequence[str], rows: Iterable[list[CellValue]]) -> None:
    """Fill a sheet: bold frozen header, rows, an autofilter and widths that fit the content."""
    bold = Font(bold=True)
    widths = [len(h) for h in headers]
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=col)
        set_text(cell, header)
        cell.font = bold
    row_number = 1
    for row_number, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            set_value(sheet.cell(row=row_number, column=col), value)
            if row_number <= WIDTH_SAMPLE_ROWS:
                shown = 10 if hasattr(value, "isoformat") else len(str(value))
                widths[col - 1] = max(widths[col - 1], shown)
    for col, width in enumerate(widths, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(row_number, 1)}"


def build_workbook(data: TeamData, *, settings_only_changed: bool = False) -> Workbook:
    """The team workbook in memory (used by `write_team` and by the template generator)."""
    book = Workbook()
    workers_sheet = book.active
    assert workers_sheet is not None
    workers_sheet.title = WORKERS_SHEET
    worker_extra = extra_headers(WORKER_COLUMNS, data.workers)
    write_sheet(
        workers_sheet,
        [*WORKER_COLUMNS, *worker_extra],
        (worker_row(w) + [w.extra.get(h) for h in worker_extra] for w in data.workers),
    )
    case_extra = extra_headers(CASE_COLUMNS, data.children)
    write_sheet(
        book.create_sheet(CASES_SHEET),
        [*CASE_COLUMNS, *case_extra],
        (case_row(c) + [c.extra.get(h) for h in case_extra] for c in data.children),
    )
    write_sheet(
        book.create_sheet(SETTINGS_SHEET),
        SETTINGS_COLUMNS,
        (
            [key, setting_value(key, text)]
            for key, text in settings_rows(data.settings, only_changed=settings_only_changed)
        ),
    )
    return book


def write_team(data: TeamData, path: Path, *, settings_only_changed: bool = False) -> None:
    """Write `data` as a team workbook at `path`, atomically (a crash leaves the old file).

    `settings_only_changed` writes only the week and the settings that differ from the
    shipped defaults, so the manager sees what their team changed.
    """
    book = build_workbook(data, settings_only_changed=settings_only_changed)
    content = workbook_bytes(book)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(content)


def csv_text(value: CellValue) -> str:
    """A CSV field: dates ISO, blanks empty, and formula-like text behind a `'` guard.

    A CSV file cannot mark a field as text, and Excel runs `=...` when it opens one, so such
    text is written as `'=...` (the OWASP advice); the workbook form keeps text exactly.
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return guard_csv_field(value) if isinstance(value, str) else str(value)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[list[CellValue]]) -> None:
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([csv_text(header) for header in headers])
        writer.writerows([csv_text(v) for v in row] for row in rows)


def write_team_csv(data: TeamData, folder: Path, *, settings_only_changed: bool = False) -> None:
    """Write `data` as `Workers.csv`, `Cases.csv` and `Settings.csv` (UTF-8) in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    worker_extra = extra_headers(WORKER_COLUMNS, data.workers)
    _write_csv(
        folder / f"{WORKERS_SHEET}.csv",
        [*WORKER_COLUMNS, *worker_extra],
        (worker_row(w) + [w.extra.get(h) for h in worker_extra] for w in data.workers),
    )
    case_extra = extra_headers(CASE_COLUMNS, data.children)
    _write_csv(
        folder / f"{CASES_SHEET}.csv",
        [*CASE_COLUMNS, *case_extra],
        (case_row(c) + [c.extra.get(h) for h in case_extra] for c in data.children),
    )
    rows = settings_rows(data.settings, only_changed=settings_only_changed)
    _write_csv(folder / f"{SETTINGS_SHEET}.csv", SETTINGS_COLUMNS, ([k, v] for k, v in rows))
