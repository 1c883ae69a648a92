"""Printable sheets for the service report and the plan: the result workbook's look.

Header row bold on the result's blue, frozen, filtered and repeated on every printed page;
landscape, fitted to the width; load ratios coloured by `load_bands` as on the allocation
sheet and in the app. Every value goes through `safe_cells.set_value`, so a team or worker
name such as `=HYPERLINK(...)` stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.result import printable_table
from fsp_allocator.result.load_bands import BAND_COLOURS, LoadBand, band
from fsp_allocator.workbook.safe_cells import CellValue

PERCENT = "0%"
TWO_DECIMALS = "0.00"


def write_table(
    sheet: Worksheet,
    headers: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[CellValue]],
    header_row: int = 1,
) -> None:
    """The result's printable table, not wrapped (2,000 worker rows stay fast to write) and
    landscape fitted to the width."""
    printable_table.write_table(
        sheet, headers, rows, header_row, wrap=False, page_setup=printable_table.fit_to_width
    )


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
