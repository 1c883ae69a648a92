"""An invented Ofsted Annex A workbook, as a council's case system exports it, for tests and demos.

Lists 3, 6, 7 and 8 with title rows above the headers, the real Annex A header texts and
status values (`a) Looked after child` …), ids written as numbers, the personal columns
(gender, ethnicity, date of birth, age, disability, placement postcode) filled with
invented values so tests can prove none of them travels, and children found in several
lists. Beside it: the families file (`child_id,family_id`) and a roster (a Workers sheet)
that lacks one worker and spells some names differently, so matching is shown.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from fsp_allocator.demo.names import person_names, team_name
from fsp_allocator.safe_write import atomic_path

PERSONAL = (
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Disability",
    "Unaccompanied Asylum Seeking Child",
)
LIST6_HEADERS = (
    "Child Unique ID",
    *PERSONAL,
    "Case Status",
    "Reason for Closure",
    "Allocated Team",
    "Allocated Worker",
    "CIN Start Date",
)
LIST7_HEADERS = (
    "Child Unique ID",
    *PERSONAL[:5],
    "Allocated Team",
    "Allocated Worker",
    "Child Protection Plan Start Date",
    "Category of Abuse",
    "Child Protection Plan End Date",
    "Number of Previous CP Plans",
)
LIST8_HEADERS = (
    "Child Unique ID",
    *PERSONAL,
    "Date Started to be Looked After",
    "Child's Legal Status",
    "Placement Type",
    "Placement Postcode",
    "Date Ceased to be Looked After",
    "Allocated Team",
    "Allocated Worker",
)
LIST3_HEADERS = (
    "Child Unique ID",
    *PERSONAL[:5],
    "Date of referral",
    "Referral Source",
    "Referral NFA",
    "Allocated Team",
    "Allocated Worker",
)

STATUSES = (
    ("a) Looked after child", 0.16),
    ("b) Child Protection plan", 0.2),
    ("c) Child in need plan", 0.3),
    ("d) Open assessment", 0.24),
    ("e) Closed episode", 0.1),
)
ETHNICITIES = (
    "WBRI",
    "WIRI",
    "WOTH",
    "MWBC",
    "MWBA",
    "AIND",
    "APKN",
    "ABAN",
    "BCRB",
    "BAFR",
    "CHNE",
    "OOTH",
)
GENDERS = ("Male", "Female", "Unknown")
ABUSE = ("Neglect", "Emotional abuse", "Physical abuse", "Sexual abuse", "Multiple")
LEGAL = ("C1", "C2", "V2", "E1", "C1", "C2")
PLACEMENTS = ("U1", "U3", "U4", "R1", "P1", "K2")
SOURCES = ("1A Individual", "2A Schools", "3A Health visitor", "5C Police", "8 Anonymous")


@dataclass(slots=True)
class AnnexADemo:
    """What was generated: every personal value written, families and who is where."""

    personal_values: set[str] = field(default_factory=set)
    families: dict[str, str] = field(default_factory=dict)
    teams: list[str] = field(default_factory=list)
    multi_list_children: set[str] = field(default_factory=set)


def _dob(rng: random.Random, week: date) -> date:
    return date(2008, 1, 1) + timedelta(
        days=rng.randint(0, (date(2024, 12, 31) - date(2008, 1, 1)).days)
    )


def _personal(rng: random.Random, week: date, demo: AnnexADemo) -> list[object]:
    born = _dob(rng, week)
    postcode_free = [
        rng.choice(GENDERS),
        rng.choice(ETHNICITIES),
        born,
        max(0, (week - born).days // 365),
        rng.choice(("Yes", "No")),
        rng.choice(("Yes", "No")),
    ]
    demo.personal_values.update(
        {born.isoformat(), born.strftime("%d/%m/%Y"), str(postcode_free[1])}
    )
    return postcode_free


def _sheet(
    book: Workbook,
    title: str,
    caption: str,
    headers: Sequence[str],
    rows: list[list[object]],
    week: date,
) -> None:
    sheet = book.create_sheet(title)
    sheet.append([f"Ofsted Annex A — {caption}"])
    sheet.append(["Invented Shire County Council (demo data: invented children, not real)"])
    sheet.append([f"Extract date: {week:%d/%m/%Y}", None, "Period: the last 12 months"])
    sheet.append([])
    sheet.append(list(headers))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"


def build_annex_a(
    week: date, *, teams: int = 3, seed: int = 1, children_per_team: int = 40
) -> tuple[Workbook, list[list[object]], AnnexADemo]:
    """The Annex A workbook, the roster rows (worker_id, name, role, fte, team) and the truth."""
    rng = random.Random(f"fsp-annex-a/{seed}")
    demo = AnnexADemo()
    lists: dict[int, list[list[object]]] = {3: [], 6: [], 7: [], 8: []}
    roster: list[list[object]] = []
    next_id = 9_212_000
    for index in range(1, teams + 1):
        team = team_name(index)
        demo.teams.append(team)
        names = person_names(9, rng)
        workers = names[:7]  # names[6] is left off the roster: matching shows it
        for number, name in enumerate(names[:6], start=1):
            role = "SENIOR" if number == 1 else ("ASYE" if number == 6 else "SW")
            shown = name.upper() if number == 2 else name
            roster.append(
                [f"T{index:02d}-W{number:02d}", shown, role, 0.8 if number == 3 else 1, team]
            )
        roster.append([f"T{index:02d}-W07", names[7], "DA", 0.5, team])
        roster.append([f"T{index:02d}-W08", names[8], "FSW", 1, team])
        family: list[str] = []
        last_worker = workers[0]
        for _ in range(children_per_team):
            next_id += rng.randint(1, 40)
            child = next_id
            sibling = bool(family) and rng.random() < 0.35
            if sibling:
                fam = demo.families[str(family[-1])]
            else:
                fam = f"FAM-{index:02d}{len(demo.families) + 1:04d}"
            demo.families[str(child)] = fam
            family.append(str(child))
            status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
            worker: str = last_worker if sibling else rng.choice(workers)
            if rng.random() < 0.1:
                worker = worker.replace(" ", "\u00a0")  # the case system's non-breaking space
            if status.startswith("d)") and rng.random() < 0.45:
                worker = rng.choice(("Unallocated", "Duty", ""))
            last_worker = worker
            started = week - timedelta(days=rng.randint(3, 500))
            personal = _personal(rng, week, demo)
            closure = "RC1 Adopted" if status.startswith("e)") else None
            lists[6].append(
                [
                    child,
                    *personal,
                    status,
                    closure,
                    team,
                    worker or None,
                    started if rng.random() < 0.9 else started.strftime("%d/%m/%Y"),
                ]
            )
            if status.startswith("b)"):
                demo.multi_list_children.add(str(child))
                lists[7].append(
                    [
                        child,
                        *personal[:5],
                        team,
                        worker,
                        started,
                        rng.choice(ABUSE),
                        None,
                        rng.randint(0, 2),
                    ]
                )
            if status.startswith("e)") and rng.random() < 0.5:
                demo.multi_list_children.add(str(child))
                lists[7].append(
                    [
                        child,
                        *personal[:5],
                        team,
                        worker,
                        started - timedelta(200),
                        rng.choice(ABUSE),
                        started,
                        1,
                    ]
                )
            if status.startswith("a)"):
                demo.multi_list_children.add(str(child))
                postcode = f"OX{rng.randint(1, 29)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}Z"
                demo.personal_values.add(postcode)
                lists[8].append(
                    [
                        child,
                        *personal,
                        started,
                        rng.choice(LEGAL),
                        rng.choice(PLACEMENTS),
                        postcode,
                        None,
                        team,
                        worker,
                    ]
                )
            if status.startswith("d)") or rng.random() < 0.2:
                demo.multi_list_children.add(str(child))
                referred = started - timedelta(days=rng.randint(0, 20))
                lists[3].append(
                    [
                        child,
                        *personal[:5],
                        referred,
                        rng.choice(SOURCES),
                        "No",
                        team,
                        worker or None,
                    ]
                )
        for _ in range(3):  # referrals with no further action: in List 3 only
            next_id += rng.randint(1, 40)
            lists[3].append(
                [
                    next_id,
                    *_personal(rng, week, demo)[:5],
                    week - timedelta(days=rng.randint(1, 60)),
                    rng.choice(SOURCES),
                    "Yes",
                    team,
                    None,
                ]
            )
        next_id += 7  # one child on a plan, but not in List 6 (the lists are not in step)
        demo.families[str(next_id)] = f"FAM-{index:02d}9999"
        lists[7].append(
            [
                next_id,
                *_personal(rng, week, demo)[:5],
                team,
                workers[0],
                week - timedelta(days=30),
                "Neglect",
                None,
                0,
            ]
        )
    book = Workbook()
    assert book.active is not None
    book.active.title = "Contents"
    book.active.append(["Ofsted Annex A (invented demo data)"])
    _sheet(
        book, "List 3 - Contacts and referrals", "List 3: Referrals", LIST3_HEADERS, lists[3], week
    )
    _sheet(
        book, "List 6 - Children in need", "List 6: Children in need", LIST6_HEADERS, lists[6], week
    )
    _sheet(
        book, "List 7 - Child protection", "List 7: Child protection", LIST7_HEADERS, lists[7], week
    )
    _sheet(
        book,
        "List 8 - Children looked after",
        "List 8: Children in care",
        LIST8_HEADERS,
        lists[8],
        week,
    )
    return book, roster, demo


def write_annex_a(
    path: Path, week: date, *, teams: int = 3, seed: int = 1
) -> tuple[Path, Path, AnnexADemo]:
    """Write the Annex A workbook at `path`, and beside it its roster and families files.

    Returns the roster path (`<stem>_roster.xlsx`), the families path (`<stem>_families.csv`)
    and what was generated.
    """
    path = Path(path)
    book, roster_rows, demo = build_annex_a(week, teams=teams, seed=seed)
    with atomic_path(path) as tmp:
        book.save(tmp)
    roster_path = path.with_name(f"{path.stem}_roster.xlsx")
    roster_book = Workbook()
    sheet = roster_book.active
    assert sheet is not None
    sheet.title = "Workers"
    sheet.append(["worker_id", "name", "role", "fte", "team"])
    for row in roster_rows:
        sheet.append(row)
    with atomic_path(roster_path) as tmp:
        roster_book.save(tmp)
    families_path = path.with_name(f"{path.stem}_families.csv")
    with atomic_path(families_path) as tmp, tmp.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["child_id", "family_id"])
        writer.writerows(sorted(demo.families.items()))
    return roster_path, families_path, demo
