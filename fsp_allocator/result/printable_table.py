"""The printable table every result workbook uses: the allocation sheet's look.

Header row bold on the result's blue, frozen, filtered and repeated on every printed page,
columns at set widths, landscape pages fitted to the width. Every value goes through
`safe_cells.set_value`, so a name such as `=HYPERLINK(...)` stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.workbook.safe_cells import CellValue, set_value

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def fit_to_width(sheet: Worksheet) -> None:
    """Landscape, one page wide, as many pages tall as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def a4_with_footer(sheet: Worksheet) -> None:
    """A4 landscape, fitted to the width, 'Page 2 of 5' and the sheet's name at the foot."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.oddFooter.center.text = "Page &P of &N"
    sheet.oddFooter.left.text = "&A"  # the sheet's name
    fit_to_width(sheet)


def write_table(
    sheet: Worksheet,
    headers: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[CellValue]],
    header_row: int = 1,
    *,
    wrap: bool = True,
    page_setup: Callable[[Worksheet], None] = a4_with_footer,
) -> None:
    """Write a header row (title, width) and data rows with a frozen header, a filter and
    print titles, then `page_setup` the sheet.

    `wrap` wraps every data cell, top-aligned (the allocation sheet's reasons fit a page);
    without it no alignment is set, so 2,000 worker rows are written fast.
    """
    for col, (title, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=col)
        set_value(cell, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=header_row + 1):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col)
            set_value(cell, value)
            if wrap:
                cell.alignment = WRAP
    last = get_column_letter(len(headers))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    page_setup(sheet)
