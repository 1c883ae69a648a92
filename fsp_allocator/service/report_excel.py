"""The service report as a printable workbook: `Teams`, `Workers` and a chart.

`Teams` has the JSON's rows, one per team, then the service's total in bold, the load ratio
coloured like the app's Workload view; `Workers` lists every lead worker of the week; the
`Chart` sheet holds a native Excel bar chart of each team's load against capacity, drawn
from the Teams sheet's numbers (no formulas anywhere).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.safe_write import atomic_path
from fsp_allocator.service.figures import ServiceReport, TeamFigures
from fsp_allocator.service.report_json import rounded
from fsp_allocator.service.sheets import (
    TWO_DECIMALS,
    bold_row,
    colour_ratio,
    number_format,
    write_table,
)
from fsp_allocator.workbook.safe_cells import CellValue

TEAM_HEADERS: tuple[tuple[str, int], ...] = (
    ("Team", 18),
    ("Lead workers", 8),
    ("Lead FTE", 8),
    ("Capacity", 10),
    ("Open children", 9),
    ("Load", 10),
    ("Load ratio", 9),
    ("Over capacity", 9),
    ("At court cap", 9),
    ("Court families", 9),
    ("New children", 9),
    ("Unallocated last week", 11),
    ("FTE needed", 9),
    ("FTE gap", 9),
    ("Children per FTE", 9),
)
RATIO_COLUMN = 7


def team_row(t: TeamFigures) -> list[CellValue]:
    """One row of the Teams sheet (the JSON's figures, rounded alike)."""
    return [
        t.team,
        t.lead_workers,
        rounded(t.lead_fte),
        rounded(t.capacity),
        t.children,
        rounded(t.load),
        rounded(t.load_ratio),
        t.over_capacity,
        t.at_court_cap,
        t.court_families,
        t.new_children,
        t.unallocated_last_week,
        rounded(t.fte_needed),
        rounded(t.fte_gap),
        rounded(t.children_per_fte),
    ]


def _teams(sheet: Worksheet, report: ServiceReport) -> None:
    rows = [*report.teams, report.service]
    write_table(sheet, TEAM_HEADERS, [team_row(t) for t in rows])
    for r, figures in enumerate(rows, start=2):
        colour_ratio(sheet, r, RATIO_COLUMN, figures.load_ratio)
    number_format(sheet, range(2, len(rows) + 2), (3, 4, 6, 13, 14, 15), TWO_DECIMALS)
    bold_row(sheet, len(rows) + 1, len(TEAM_HEADERS))
    # the filter covers the teams only, so sorting never moves the service's total
    sheet.auto_filter.ref = f"A1:O{len(report.teams) + 1}"


def _workers(sheet: Worksheet, report: ServiceReport) -> None:
    headers = (
        ("Team", 18),
        ("Worker ID", 11),
        ("Worker", 22),
        ("Role", 8),
        ("FTE", 6),
        ("Accepting", 9),
        ("Capacity", 9),
        ("Load", 9),
        ("Load ratio", 9),
        ("Children", 9),
        ("Court families", 9),
        ("Court cap", 8),
    )
    rows: list[list[CellValue]] = [
        [
            w.team,
            w.worker_id,
            w.name,
            w.role,
            w.fte,
            "yes" if w.accepting else "no",
            rounded(w.capacity),
            rounded(w.load),
            rounded(w.load_ratio),
            w.children,
            w.court,
            w.court_cap,
        ]
        for w in report.workers
    ]
    write_table(sheet, headers, rows)
    for r, line in enumerate(report.workers, start=2):
        colour_ratio(sheet, r, 9, line.load_ratio)


def _chart(book: Workbook, teams_sheet: Worksheet, teams: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Load against capacity, by team"
    chart.y_axis.title = "Load ÷ capacity"
    chart.y_axis.numFmt = "0%"
    chart.y_axis.majorGridlines = None
    data = Reference(teams_sheet, min_col=RATIO_COLUMN, min_row=1, max_row=teams + 1)
    names = Reference(teams_sheet, min_col=1, min_row=2, max_row=teams + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(names)
    chart.legend = None
    chart.height = max(8.0, 0.6 * teams + 3)
    chart.width = 22
    sheet = book.create_sheet("Chart")
    sheet.add_chart(chart, "A1")


def build_report_workbook(report: ServiceReport) -> Workbook:
    """The report workbook in memory."""
    book = Workbook()
    teams = book.active
    assert teams is not None
    teams.title = "Teams"
    _teams(teams, report)
    _workers(book.create_sheet("Workers"), report)
    _chart(book, teams, len(report.teams))
    return book


def write_report_excel(report: ServiceReport, path: Path) -> None:
    """Write the report workbook atomically."""
    book = build_report_workbook(report)
    with atomic_path(Path(path)) as tmp:
        book.save(tmp)
