"""Small Annex A workbooks for tests: each list with title rows above its header."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

LIST6 = (
    "Child Unique ID",
    "Gender",
    "Date of Birth",
    "Case Status",
    "Allocated Team",
    "Allocated Worker",
    "CIN Start Date",
)
LIST7 = (
    "Child Unique ID",
    "Ethnicity",
    "Allocated Team",
    "Allocated Worker",
    "Child Protection Plan End Date",
)
LIST8 = (
    "Child Unique ID",
    "Disability",
    "Child's Legal Status",
    "Date Ceased to be Looked After",
    "Allocated Team",
    "Allocated Worker",
)
LIST3 = ("Child Unique ID", "Age of Child (Years)", "Date of referral")
HEADERS = {"List 6": LIST6, "List 7": LIST7, "List 8": LIST8, "List 3": LIST3}
TITLE_ROWS = 2  # so the header is Excel row 3 and the first child row 4


def write_annex(
    path: Path,
    lists: Mapping[str, Sequence[Sequence[object]]],
    headers: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """Write `lists` (sheet name -> rows under the header) with two title rows each."""
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, rows in lists.items():
        sheet = book.create_sheet(name)
        sheet.append([f"Annex A {name} (test)"])
        sheet.append([])
        sheet.append(list((headers or {}).get(name, HEADERS.get(name, LIST6))))
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def row6(
    child: object,
    status: str,
    team: str = "FSP Banbury",
    worker: str | None = "Sam Lee",
    started: object = None,
) -> list[object]:
    """A List 6 row (gender and date of birth invented)."""
    return [child, "Female", "2015-04-03", status, team, worker, started]
