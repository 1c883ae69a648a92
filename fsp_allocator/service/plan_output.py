"""The plan as JSON and as a printable workbook (`Plan`, `Projection` and a line chart).

JSON: `week`, `weeks`, `rates` (per team, with the weeks they rest on), `changes`, then for
each team and the service `before` and `after` side by side, each with its projection.
The workbook's `Plan` sheet has the same figures, before and after in adjacent columns;
`Projection` has the load ratio per week for each team (after the changes) and the
capacity line, charted by a native Excel line chart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.safe_write import atomic_path
from fsp_allocator.service.plan import Plan, PlanFigures, TeamPlan
from fsp_allocator.service.report_json import rounded
from fsp_allocator.service.sheets import (
    PERCENT,
    TWO_DECIMALS,
    bold_row,
    colour_ratio,
    number_format,
    write_table,
)
from fsp_allocator.workbook.safe_cells import CellValue, set_value


def figures_dict(p: PlanFigures) -> dict[str, Any]:
    """One side (before or after) of a team's plan."""
    return {
        "capacity": rounded(p.capacity),
        "load": rounded(p.load),
        "spare": rounded(p.spare),
        "intake": rounded(p.intake),
        "closures": rounded(p.closures),
        "growth": rounded(p.growth),
        "load_ratio": rounded(p.load_ratio),
        "weeks_until_full": rounded(p.weeks_until_full),
        "projection": [
            {
                "week": k,
                "load": rounded(p.projected_load(k)),
                "load_ratio": rounded(p.projected_ratio(k)),
                "fits": p.fits(k),
            }
            for k in range(1, p.weeks + 1)
        ],
    }


def team_plan_dict(t: TeamPlan) -> dict[str, Any]:
    """A team's plan, before and after side by side."""
    return {"team": t.team, "before": figures_dict(t.before), "after": figures_dict(t.after)}


def plan_dict(plan: Plan) -> dict[str, Any]:
    """The whole plan as JSON."""
    return {
        "week": plan.week.isoformat(),
        "source": plan.source,
        "weeks": plan.weeks,
        "rates": {
            "basis": plan.rates.basis,
            "weeks_measured": plan.rates.weeks,
            "intake": {k: rounded(v) for k, v in plan.rates.intake.items()},
            "closures": {k: rounded(v) for k, v in plan.rates.closures.items()},
        },
        "changes": [
            {
                "change": c.kind,
                "team": c.team,
                "role": c.role,
                "fte": c.fte,
                "worker_id": c.worker_id,
                "capacity": rounded(c.capacity),
            }
            for c in plan.changes
        ],
        "teams": [team_plan_dict(t) for t in plan.teams],
        "service": team_plan_dict(plan.service),
    }


PLAN_HEADERS: tuple[tuple[str, int], ...] = (
    ("Team", 18),
    ("Capacity before", 10),
    ("Capacity after", 10),
    ("Load", 9),
    ("Spare before", 9),
    ("Spare after", 9),
    ("Intake a week", 9),
    ("Closures a week", 9),
    ("Growth a week", 9),
    ("Load ratio before", 9),
    ("Load ratio after", 9),
    ("Weeks until full before", 10),
    ("Weeks until full after", 10),
    ("Ratio at the end before", 10),
    ("Ratio at the end after", 10),
)


def _plan_row(t: TeamPlan) -> list[CellValue]:
    b, a = t.before, t.after
    return [
        t.team,
        rounded(b.capacity),
        rounded(a.capacity),
        rounded(b.load),
        rounded(b.spare),
        rounded(a.spare),
        rounded(b.intake),
        rounded(b.closures),
        rounded(b.growth),
        rounded(b.load_ratio),
        rounded(a.load_ratio),
        rounded(b.weeks_until_full),
        rounded(a.weeks_until_full),
        rounded(b.projected_ratio(b.weeks)),
        rounded(a.projected_ratio(a.weeks)),
    ]


def _plan_sheet(sheet: Worksheet, plan: Plan) -> None:
    rows = [*plan.teams, plan.service]
    start = 4
    set_value(sheet.cell(row=1, column=1), f"Plan for {plan.weeks} weeks from {plan.week}")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    notes = [f"Rates: {plan.rates.basis}."]
    notes.append(
        "Changes: " + "; ".join(c.sentence() for c in plan.changes) + "."
        if plan.changes
        else "Changes: none (after = before)."
    )
    for i, note in enumerate(notes):
        set_value(sheet.cell(row=2 + i, column=1), note)
    write_table(sheet, PLAN_HEADERS, [_plan_row(t) for t in rows], header_row=start + 1)
    first = start + 2
    for r, t in enumerate(rows, start=first):
        for col, side in ((10, t.before), (11, t.after)):
            colour_ratio(sheet, r, col, side.load_ratio)
        colour_ratio(sheet, r, 14, t.before.projected_ratio(t.before.weeks))
        colour_ratio(sheet, r, 15, t.after.projected_ratio(t.after.weeks))
    number_format(
        sheet, range(first, first + len(rows)), (2, 3, 4, 5, 6, 7, 8, 9, 12, 13), TWO_DECIMALS
    )
    bold_row(sheet, first + len(rows) - 1, len(PLAN_HEADERS))
    sheet.auto_filter.ref = f"A{start + 1}:O{start + len(plan.teams) + 1}"


def _projection_sheet(book: Workbook, sheet: Worksheet, plan: Plan) -> None:
    columns = [*plan.teams, plan.service]
    headers = [("Week", 8)] + [(t.team, 12) for t in columns] + [("Capacity", 10)]
    rows: list[list[CellValue]] = []
    for k in range(0, plan.weeks + 1):
        ratios = [
            rounded(t.after.load_ratio if k == 0 else t.after.projected_ratio(k)) for t in columns
        ]
        rows.append([k, *ratios, 1.0])
    write_table(sheet, headers, rows)
    number_format(sheet, range(2, len(rows) + 2), range(2, len(headers) + 1), PERCENT)
    chart = LineChart()
    chart.title = "Projected load ÷ capacity (after the changes)"
    chart.y_axis.title = "Load ÷ capacity"
    chart.y_axis.numFmt = "0%"
    chart.x_axis.title = "Weeks from now"
    data = Reference(sheet, min_col=2, max_col=len(headers), min_row=1, max_row=len(rows) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1))
    chart.height, chart.width = 12, 26
    capacity_line = chart.series[-1]
    capacity_line.graphicalProperties.line.dashStyle = "dash"
    capacity_line.graphicalProperties.line.solidFill = "9C0006"
    place = book.create_sheet("Chart")
    place.add_chart(chart, "A1")
    sheet.column_dimensions[get_column_letter(1)].width = 8


def build_plan_workbook(plan: Plan) -> Workbook:
    """The plan workbook in memory."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    _plan_sheet(sheet, plan)
    _projection_sheet(book, book.create_sheet("Projection"), plan)
    return book


def write_plan_excel(plan: Plan, path: Path) -> None:
    """Write the plan workbook atomically."""
    book = build_plan_workbook(plan)
    with atomic_path(Path(path)) as tmp:
        book.save(tmp)
