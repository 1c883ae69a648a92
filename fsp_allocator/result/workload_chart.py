"""The Workload sheet's picture: each worker's load ÷ capacity before and after, with 100%.

A native Excel chart (openpyxl), so the printed sheet shows the balance the app shows; it
reads the sheet's own "% of capacity" columns and a "Capacity line" column of 100%, so it
stays true to the table if the manager sorts or edits nothing but looks.
"""

from __future__ import annotations

from copy import copy

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

NAME_COLUMN = 2
RATIO_BEFORE_COLUMN = 11
RATIO_AFTER_COLUMN = 12
PERCENT = "0%"


def add_workload_chart(sheet: Worksheet, workers: int) -> None:
    """Add a 'Capacity line' column (100% per worker) and the chart below the table."""
    if workers == 0:
        return
    line_column = sheet.max_column + 1
    header = sheet.cell(row=1, column=line_column, value="Capacity line")
    first = sheet.cell(row=1, column=1)
    header.font, header.fill = copy(first.font), copy(first.fill)
    header.alignment, header.border = copy(first.alignment), copy(first.border)
    for row in range(2, workers + 2):
        cell = sheet.cell(row=row, column=line_column, value=1.0)
        cell.number_format = PERCENT
    bars = BarChart()
    bars.type = "col"
    bars.grouping = "clustered"
    bars.title = "Load against capacity, before and after"
    bars.y_axis.title = "% of capacity"
    bars.y_axis.numFmt = PERCENT
    bars.x_axis.title = "Worker"
    data = Reference(
        sheet,
        min_col=RATIO_BEFORE_COLUMN,
        max_col=RATIO_AFTER_COLUMN,
        min_row=1,
        max_row=workers + 1,
    )
    names = Reference(sheet, min_col=NAME_COLUMN, min_row=2, max_row=workers + 1)
    bars.add_data(data, titles_from_data=True)
    bars.set_categories(names)
    line = LineChart()
    line.add_data(
        Reference(sheet, min_col=line_column, min_row=1, max_row=workers + 1),
        titles_from_data=True,
    )
    line.series[0].graphicalProperties.line.solidFill = "C00000"
    line.series[0].graphicalProperties.line.dashStyle = "dash"
    bars += line
    bars.height = 9.0
    bars.width = max(16.0, 1.1 * workers + 6)
    sheet.add_chart(bars, f"A{workers + 4}")
