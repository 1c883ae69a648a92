"""Printable sheets for the service report and the plan: the result workbook's look.

Header row bold on the result's blue, frozen, filtered and repeated on every printed page;
landscape, fitted to the width; load ratios coloured by `load_bands` as on the allocation
sheet and in the app. Every value goes through `safe_cells.set_value`, so a team or worker
name such as `=HYPERLINK(...)` stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.result.excel_writer import HEADER_FILL, HEADER_FONT
from fsp_allocator.result.load_bands import BAND_COLOURS, LoadBand, band
from fsp_allocator.workbook.safe_cells import CellValue, set_value

PERCENT = "0%"
TWO_DECIMALS = "0.00"


def print_setup(sheet: Worksheet) -> None:
    """Landscape, one page wide, as many pages tall as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def write_table(
    sheet: Worksheet,
    headers: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[CellValue]],
    header_row: int = 1,
) -> None:
    """A header row and data rows: frozen header, filter, print titles, widths."""
    for col, (title, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=col)
        set_value(cell, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=header_row + 1):
        for col, value in enumerate(values, start=1):
            set_value(sheet.cell(row=r, column=col), value)
    last = get_column_letter(len(headers))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    print_setup(sheet)


# One fill and font per band, made once: openpyxl looks each new style object up among the
# workbook's styles, which made colouring 2,000 worker rows take seconds.
BAND_STYLES: dict[LoadBand, tuple[PatternFill, Font]] = {
    level: (
        PatternFill("solid", fgColor=colours.fill),
        Font(color=colours.text, bold=level is LoadBand.OVER),
    )
    for level, colours in BAND_COLOURS.items()
}


def colour_ratio(sheet: Worksheet, row: int, column: int, ratio: float | None) -> None:
    """Format a load-ratio cell as a percentage with its band's colours (blank: none)."""
    cell = sheet.cell(row=row, column=column)
    cell.number_format = PERCENT
    if ratio is None:
        return
    cell.fill, cell.font = BAND_STYLES[band(ratio)]


def number_format(sheet: Worksheet, rows: range, columns: Sequence[int], fmt: str) -> None:
    """Give a block of cells one number format."""
    for r in rows:
        for c in columns:
            sheet.cell(row=r, column=c).number_format = fmt


def bold_row(sheet: Worksheet, row: int, columns: int) -> None:
    """Bold a row (the service's total)."""
    for c in range(1, columns + 1):
        cell = sheet.cell(row=row, column=c)
        cell.font = Font(bold=True, color=cell.font.color)
