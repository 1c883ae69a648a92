"""Turn each Annex A list's rows into entries: one child, whether open and at what stage.

List 6 gives the stage from Case Status (a closed episode is not open); List 7 a CP plan
with no end date; List 8 a looked-after child not ceased (CLA, or COURT under an interim
care order, C1); List 3 the referral dates. Every unreadable cell is a problem naming the
sheet, the Excel row and the column; a row without a Child Unique ID is skipped with a
warning (exports end with total rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from fsp_allocator.annex_a.headers import (
    CASE_STATUS,
    CEASED,
    CHILD_ID,
    CIN_START,
    LEGAL_STATUS,
    PLAN_END,
    REFERRAL,
    TEAM,
    WORKER,
)
from fsp_allocator.annex_a.source import ListRow, ListSheet
from fsp_allocator.annex_a.values import (
    CLOSED,
    INTERIM_CARE_ORDER,
    case_status,
    legal_status,
    tidy,
)
from fsp_allocator.domain import Stage
from fsp_allocator.workbook.cells import parse_date
from fsp_allocator.workbook.problems import Problem, Severity

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry:
    """A child as one list row shows it; `stage` None when the row is not an open case."""

    child_id: str
    list_number: int
    sheet: str
    row: int
    stage: Stage | None
    team: str | None = None
    worker: str | None = None
    started: date | None = None
    left_because: str = ""


@dataclass(slots=True)
class _Cells:
    sheet: ListSheet
    row: ListRow
    problems: list[Problem]
    failed: bool = False

    def text(self, column: str) -> str | None:
        return tidy(self.row.values.get(column))

    def parsed(self, column: str, parse: Callable[[object], T]) -> T | None:
        raw = self.row.values.get(column)
        if tidy(raw) is None:
            return None
        try:
            return parse(tidy(raw) if isinstance(raw, str) else raw)
        except ValueError as exc:
            self.problems.append(
                Problem(Severity.ERROR, str(exc), self.sheet.sheet, self.row.number, column)
            )
            self.failed = True
            return None


def _child_id(cells: _Cells) -> str | None:
    child_id = cells.text(CHILD_ID)
    if child_id is None:
        cells.problems.append(
            Problem(
                Severity.WARNING,
                "the row has no Child Unique ID and was skipped",
                cells.sheet.sheet,
                cells.row.number,
                CHILD_ID,
            )
        )
    return child_id


def list6_entries(sheet: ListSheet, problems: list[Problem]) -> list[Entry]:
    """List 6: one entry per row, staged by its Case Status (closed episode: not open)."""
    entries = []
    for row in sheet.rows:
        cells = _Cells(sheet, row, problems)
        child_id = _child_id(cells)
        if child_id is None:
            continue
        status = cells.parsed(CASE_STATUS, case_status)
        if cells.text(CASE_STATUS) is None:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "the Case Status is blank; every child in List 6 needs one",
                    sheet.sheet,
                    row.number,
                    CASE_STATUS,
                )
            )
            cells.failed = True
        started = cells.parsed(CIN_START, parse_date)
        if cells.failed:
            continue
        stage = None if status == CLOSED else status
        assert stage is None or isinstance(stage, Stage)
        entries.append(
            Entry(
                child_id,
                6,
                sheet.sheet,
                row.number,
                stage,
                cells.text(TEAM),
                cells.text(WORKER),
                started,
                "" if stage else "a closed episode",
            )
        )
    return entries


def list7_entries(sheet: ListSheet, problems: list[Problem]) -> list[Entry]:
    """List 7: a plan with no end date is an open CP case; an ended plan adds nothing."""
    entries = []
    for row in sheet.rows:
        cells = _Cells(sheet, row, problems)
        child_id = _child_id(cells)
        if child_id is None:
            continue
        ended = cells.parsed(PLAN_END, parse_date)
        if cells.failed:
            continue
        stage = None if ended is not None else Stage.CP
        entries.append(
            Entry(
                child_id,
                7,
                sheet.sheet,
                row.number,
                stage,
                cells.text(TEAM),
                cells.text(WORKER),
                left_because="" if stage else "an ended child protection plan",
            )
        )
    return entries


def list8_entries(sheet: ListSheet, problems: list[Problem]) -> list[Entry]:
    """List 8: a child not ceased is CLA, or COURT under an interim care order (C1)."""
    entries = []
    for row in sheet.rows:
        cells = _Cells(sheet, row, problems)
        child_id = _child_id(cells)
        if child_id is None:
            continue
        code = cells.parsed(LEGAL_STATUS, legal_status)
        ceased = cells.parsed(CEASED, parse_date)
        if cells.failed:
            continue
        stage: Stage | None = Stage.COURT if code == INTERIM_CARE_ORDER else Stage.CLA
        if ceased is not None:
            stage = None
        entries.append(
            Entry(
                child_id,
                8,
                sheet.sheet,
                row.number,
                stage,
                cells.text(TEAM),
                cells.text(WORKER),
                left_because="" if stage else "ceased to be looked after",
            )
        )
    return entries


def list3_referrals(sheet: ListSheet, problems: list[Problem]) -> dict[str, date]:
    """List 3: each child's latest referral date."""
    latest: dict[str, date] = {}
    for row in sheet.rows:
        cells = _Cells(sheet, row, problems)
        child_id = _child_id(cells)
        if child_id is None:
            continue
        when = cells.parsed(REFERRAL, parse_date)
        if when is not None and (child_id not in latest or when > latest[child_id]):
            latest[child_id] = when
    return latest


def conflicting_statuses(entries: list[Entry]) -> list[Problem]:
    """A child listed twice in List 6 with different statuses: an error naming both rows."""
    first: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        earlier = first.setdefault(entry.child_id, entry)
        if earlier is not entry and earlier.stage != entry.stage:
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"child {entry.child_id} is listed again (first at row {earlier.row}) with a "
                    "different Case Status; keep one row per child",
                    entry.sheet,
                    entry.row,
                    CASE_STATUS,
                )
            )
    return problems
