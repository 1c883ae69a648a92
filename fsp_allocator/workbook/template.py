"""The blank team workbook a manager fills in: `resources/team_template.xlsx`.

It holds the `Workers` and `Cases` sheets with their headers, the `Settings` sheet filled
with the shipped defaults, and an `About` sheet that explains every column as the data
contract does (required or not, type, meaning, an example). Regenerate the committed file
with `python -m fsp_allocator.workbook.template`; a test checks that the two agree.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from fsp_allocator.paths import resource_path
from fsp_allocator.safe_write import atomic_path, workbook_bytes
from fsp_allocator.settings import SCALAR_SETTINGS, default_settings, settings_rows
from fsp_allocator.workbook.safe_cells import set_text
from fsp_allocator.workbook.writer import (
    CASE_COLUMNS,
    CASES_SHEET,
    SETTINGS_COLUMNS,
    SETTINGS_SHEET,
    WORKER_COLUMNS,
    WORKERS_SHEET,
    setting_value,
    write_sheet,
)

TEMPLATE_NAME = "team_template.xlsx"
ABOUT_SHEET = "About"
ABOUT_HEADERS = ("sheet", "column", "required", "type", "meaning", "example")


class ColumnDoc(NamedTuple):
    """One column as the About sheet explains it."""

    required: bool
    kind: str
    meaning: str
    example: str


ROLES = "SW, SENIOR, ASYE, ATM, FSW, DA, MH or SM"
STAGES = "ASSESSMENT, CIN, CP, PLO, COURT or CLA"

WORKER_DOCS: dict[str, ColumnDoc] = {
    "worker_id": ColumnDoc(True, "text", "Unique, stable staff id.", "W03"),
    "name": ColumnDoc(True, "text", "Display name.", "Sam Lee"),
    "role": ColumnDoc(
        True,
        ROLES,
        "SW social worker, SENIOR senior practitioner, ASYE newly qualified (assessed year), "
        "ATM assistant team manager, FSW family support worker (never lead worker), DA / MH / "
        "SM domestic abuse, mental health, substance misuse practitioner.",
        "SW",
    ),
    "fte": ColumnDoc(True, "number above 0, at most 1", "Full-time equivalence.", "0.8"),
    "team": ColumnDoc(False, "text", "Team name; blank means the workbook's one team.", ""),
    "agency": ColumnDoc(False, "yes/no", "Agency worker.", "no"),
    "available_from": ColumnDoc(
        False, "date", "Not allocatable before this date (new starter, back from leave).", ""
    ),
    "available_to": ColumnDoc(
        False, "date", "Not allocatable after this date (leaving, leave starts).", ""
    ),
    "accepting": ColumnDoc(
        False, "yes/no (default yes)", "no = closed to new allocations by the manager.", "yes"
    ),
    "court_cap": ColumnDoc(
        False, "whole number, 0 to 1000", "Overrides the team's court cap for this worker.", ""
    ),
    "capacity": ColumnDoc(
        False, "number, 0 to 1000", "Overrides capacity (weighted units, before FTE).", ""
    ),
    "skills": ColumnDoc(
        False, "list", "Free tags matched against a family's needs.", "teenagers; polish"
    ),
    "locality": ColumnDoc(False, "text", "Patch or locality.", "Banbury North"),
    "release": ColumnDoc(
        False,
        "yes/no (default no)",
        "yes = the manager releases this caseload: `rebalance` re-homes every family they "
        "lead (leaver, long leave, move to another team).",
        "no",
    ),
}

CASE_DOCS: dict[str, ColumnDoc] = {
    "child_id": ColumnDoc(True, "text", "Unique child id from the case system; no names.", "C101"),
    "family_id": ColumnDoc(
        True, "text", "Children with the same family_id are siblings and share one worker.", "F17"
    ),
    "stage": ColumnDoc(
        True,
        STAGES,
        "CIN child in need plan, CP child protection plan, PLO pre-proceedings, COURT care "
        "proceedings, CLA looked after and still held by the team.",
        "CP",
    ),
    "worker_id": ColumnDoc(
        False, "text", "Current lead worker; blank = a new case to allocate.", "W03"
    ),
    "previous_worker_id": ColumnDoc(
        False, "text", "A worker already known to the family (continuity).", "W05"
    ),
    "factors": ColumnDoc(
        False, "list of CIN census codes", "Factors identified at assessment (1A to 24A).", "3B; 4B"
    ),
    "complexity": ColumnDoc(
        False,
        "number above 0, at most 1000",
        "Manager's override of the computed weight of this child.",
        "",
    ),
    "referral_date": ColumnDoc(
        False, "date", "Referral date; older new cases are more urgent.", ""
    ),
    "team": ColumnDoc(
        False,
        "text",
        "The team whose intake this is; needed for new cases when there are several teams.",
        "",
    ),
    "locality": ColumnDoc(False, "text", "Patch or locality of the family.", ""),
    "needs": ColumnDoc(False, "list", "Skills the family needs (matched to worker skills).", ""),
    "adult_worker_ids": ColumnDoc(
        False, "list", "Adult practitioners already working with the family.", "A1"
    ),
    "pin_worker_id": ColumnDoc(
        False, "text", "Manager's decision: this family goes to this worker.", ""
    ),
    "exclude_worker_ids": ColumnDoc(
        False, "list", "Workers who must not hold this family (conflict, history).", ""
    ),
}

NOTES: tuple[str, ...] = (
    "FSP Allocator team workbook. Fill in Workers (one row per practitioner) and Cases (one "
    "row per child: open cases have a worker_id, new cases to allocate leave it blank).",
    "Column names may be written in any case, with spaces or hyphens. Extra columns are kept "
    "and ignored. Lists are separated by ; or ,. Yes/no accepts yes/no, y/n, true/false, 1/0. "
    "Dates: Excel dates, 2026-11-23 or 23/11/2026.",
    "Settings holds the shipped defaults; change a value to override it for your team. Add a "
    "row 'week' with a date to allocate for another day than today.",
)


def _about_rows() -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for sheet, docs in ((WORKERS_SHEET, WORKER_DOCS), (CASES_SHEET, CASE_DOCS)):
        for column, doc in docs.items():
            rows.append(
                [
                    sheet,
                    column,
                    "yes" if doc.required else "no",
                    doc.kind,
                    doc.meaning,
                    doc.example or None,
                ]
            )
    rows += _settings_about_rows()
    return rows


def _settings_about_rows() -> list[list[str | None]]:
    """The Settings keys explained: the scalar settings, adult capacities and weights."""
    rows: list[list[str | None]] = [
        [
            "Settings",
            info.key,
            "no",
            "date" if info.key == "week" else "number",
            info.explanation,
            None,
        ]
        for info in SCALAR_SETTINGS
    ]
    rows.append(
        [
            "Settings",
            "adult_capacity_DA / _MH / _SM",
            "no",
            "number above 0",
            "Families per full-time adult practitioner of that role.",
            "10",
        ]
    )
    rows.append(
        [
            "Settings",
            "weight_<STAGE>",
            "no",
            "number above 0",
            f"Weight of a child at that stage ({STAGES}); a CIN child weighs 1.",
            "weight_COURT",
        ]
    )
    rows.append(
        [
            "Settings",
            "weight_factor_<code>",
            "no",
            "number, 0 or more",
            "Added to a child's weight for that CIN census factor; code 21 always weighs 0.",
            "weight_factor_3B",
        ]
    )
    return rows


def build_template() -> Workbook:
    """The blank workbook: About, Workers and Cases (headers only), Settings (defaults)."""
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = ABOUT_SHEET
    for row, note in enumerate(NOTES, start=1):
        set_text(about.cell(row=row, column=1), note)
    header_row = len(NOTES) + 2
    bold = Font(bold=True)
    for col, header in enumerate(ABOUT_HEADERS, start=1):
        cell = about.cell(row=header_row, column=col)
        set_text(cell, header)
        cell.font = bold
    for row, values in enumerate(_about_rows(), start=header_row + 1):
        for col, value in enumerate(values, start=1):
            if value is not None:
                cell = about.cell(row=row, column=col)
                set_text(cell, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (10, 20, 10, 26, 70, 18), strict=True):
        about.column_dimensions[letter].width = width
    write_sheet(book.create_sheet(WORKERS_SHEET), WORKER_COLUMNS, [])
    write_sheet(book.create_sheet(CASES_SHEET), CASE_COLUMNS, [])
    defaults = settings_rows(default_settings(date(2000, 1, 1)))
    write_sheet(
        book.create_sheet(SETTINGS_SHEET),
        SETTINGS_COLUMNS,
        ([key, setting_value(key, text)] for key, text in defaults if key != "week"),
    )
    return book


def write_template(path: Path) -> None:
    """Write the blank template to `path` atomically."""
    data = workbook_bytes(build_template())
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


def main() -> int:
    """Regenerate `resources/team_template.xlsx` (or the path given)."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else resource_path(TEMPLATE_NAME)
    write_template(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
