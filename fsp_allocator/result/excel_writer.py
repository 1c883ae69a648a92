"""The allocation result as a workbook a manager prints and takes to the allocation meeting.

Sheets `Summary`, `Allocations`, `Workload` and `Unallocated`: frozen header rows,
filters, sensible widths, worker names beside ids, load against capacity coloured by
`load_bands`, landscape pages fitted to the width with the header repeated. Every text
goes through `safe_cells`, so an id such as `=HYPERLINK(...)` stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.allocation.proposal import AllocationProposal, WorkloadLine
from fsp_allocator.result.load_bands import BAND_COLOURS, LoadBand, band
from fsp_allocator.result.printable_table import HEADER_FONT, WRAP, a4_with_footer, write_table
from fsp_allocator.result.workload_chart import add_workload_chart
from fsp_allocator.safe_write import atomic_path, workbook_bytes
from fsp_allocator.workbook.safe_cells import CellValue, set_value

PERCENT = "0%"
ONE_DECIMAL = "0.0"
REASONS_WIDTH = 60  # characters: wrapped, so a page holds every column


@dataclass(frozen=True, slots=True)
class Accepted:
    """Who accepted the allocation and when: the sheet is then the record, titled so."""

    by: tuple[str, ...]
    at: datetime


def _when(at: datetime) -> str:
    """`2 December 2026, 18:30 UTC`."""
    return f"{at.day} {at:%B %Y, %H:%M} {at.tzname() or 'UTC'}"


def _colour(sheet: Worksheet, row: int, column: int, ratio: float) -> None:
    cell = sheet.cell(row=row, column=column)
    cell.number_format = PERCENT
    colours = BAND_COLOURS[band(ratio)]
    cell.fill = PatternFill("solid", fgColor=colours.fill)
    cell.font = Font(color=colours.text, bold=band(ratio) is LoadBand.OVER)


def _is_adult(line: WorkloadLine) -> bool:
    return line.role.is_adult_practitioner


def _summary(
    sheet: Worksheet, proposal: AllocationProposal, accepted: Accepted | None = None
) -> None:
    teams = list(dict.fromkeys(line.team for line in proposal.workload))
    over = [w for w in proposal.workload if not _is_adult(w) and w.ratio_after > 1.0]
    block: list[tuple[str, CellValue]] = [
        ("Week", proposal.week),
        ("Team" if len(teams) == 1 else "Teams", ", ".join(teams)),
        ("Status", proposal.status),
        ("Children allocated", len(proposal.allocations)),
        ("Children unallocated", len(proposal.unallocated)),
        (
            "Workers over capacity",
            f"{len(over)}: {', '.join(w.name for w in over)}" if over else "none",
        ),
        ("Warnings", len(proposal.warnings)),
        ("Search time (seconds)", proposal.solve_seconds),
    ]
    if len(proposal.team_status) > 1:
        block.extend((f"Status of {team}", status) for team, status in proposal.team_status.items())
    if accepted is not None:  # a record: who and when, not the engine's search figures
        block = [b for b in block if b[0] not in ("Status", "Search time (seconds)")]
        block[1:1] = [("Accepted by", ", ".join(accepted.by)), ("Accepted on", _when(accepted.at))]
    title = sheet.cell(row=1, column=1)
    set_value(title, f"FSP Allocator: {'accepted' if accepted else 'proposed'} allocation")
    title.font = Font(bold=True, size=14)
    for r, (label, value) in enumerate(block, start=3):
        set_value(sheet.cell(row=r, column=1), label)
        sheet.cell(row=r, column=1).font = HEADER_FONT
        set_value(sheet.cell(row=r, column=2), value)
        sheet.cell(row=r, column=2).alignment = Alignment(horizontal="left", wrap_text=True)
    start = 3 + len(block) + 1
    set_value(sheet.cell(row=start, column=1), "The warnings in full")
    sheet.cell(row=start, column=1).font = HEADER_FONT
    for r, warning in enumerate(proposal.warnings or ("No warnings.",), start=start + 1):
        set_value(sheet.cell(row=r, column=1), warning)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        sheet.cell(row=r, column=1).alignment = WRAP
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    a4_with_footer(sheet)


def _allocations(sheet: Worksheet, proposal: AllocationProposal) -> None:
    names = {w.worker_id: w.name for w in proposal.workload}
    headers = [
        ("Child ID", 12),
        ("Family ID", 12),
        ("Team", 14),
        ("Worker ID", 11),
        ("Worker", 20),
        ("Adult practitioners", 26),
        ("Continuity", 11),
        ("Weight", 8),
        ("Reasons", REASONS_WIDTH),
    ]
    first_of: dict[str, str] = {}  # family -> its first child on the sheet
    rows = []
    for a in proposal.allocations:
        first = first_of.setdefault(f"{a.family_id}|{a.worker_id}", a.child_id)
        reasons = "\n".join(a.reasons) if first == a.child_id else f"As for {first} (same family)."
        rows.append(
            (
                a.child_id,
                a.family_id,
                a.team or "",
                a.worker_id,
                names.get(a.worker_id, ""),
                "; ".join(f"{names.get(x, x)} ({x})" for x in a.adult_worker_ids),
                "yes" if a.continuity else "no",
                a.weight,
                reasons,
            )
        )
    write_table(sheet, headers, rows)


def _workload(sheet: Worksheet, proposal: AllocationProposal) -> None:
    workload_sheet(sheet, proposal.workload)


def workload_sheet(sheet: Worksheet, workload: Sequence[WorkloadLine]) -> None:
    """The Workload sheet: every worker before and after, % of capacity coloured by band."""
    headers = [
        ("Worker ID", 11),
        ("Worker", 20),
        ("Role", 10),
        ("Team", 14),
        ("Unit", 10),
        ("Capacity", 10),
        ("Children before", 10),
        ("Children after", 10),
        ("Load before", 10),
        ("Load after", 10),
        ("% of capacity before", 12),
        ("% of capacity after", 12),
        ("Court before", 12),
        ("Court after", 12),
    ]
    rows = []
    for w in workload:
        court = (
            (f"{w.court_before} of {w.court_cap}", f"{w.court_after} of {w.court_cap}")
            if w.court_cap is not None
            else ("", "")
        )
        rows.append(
            (
                w.worker_id,
                w.name,
                w.role.value,
                w.team,
                "families" if _is_adult(w) else "weighted units",
                w.capacity,
                w.children_before,
                w.children_after,
                w.load_before,
                w.load_after,
                w.ratio_before,
                w.ratio_after,
                *court,
            )
        )
    write_table(sheet, headers, rows)
    for r, w in enumerate(workload, start=2):
        for col in (6, 9, 10):
            sheet.cell(row=r, column=col).number_format = ONE_DECIMAL
        _colour(sheet, r, 11, w.ratio_before)
        _colour(sheet, r, 12, w.ratio_after)
        if w.court_cap:  # the court load against the cap, in the same bands
            for col, held in ((13, w.court_before), (14, w.court_after)):
                _colour(sheet, r, col, held / w.court_cap)
                sheet.cell(row=r, column=col).number_format = "General"
    add_workload_chart(sheet, len(workload))


def _unallocated(sheet: Worksheet, proposal: AllocationProposal) -> None:
    headers = [("Child ID", 12), ("Family ID", 12), ("Team", 14), ("Reason", 80)]
    rows = [(u.child_id, u.family_id, u.team or "", u.reason) for u in proposal.unallocated]
    write_table(sheet, headers, rows)


# Shared with the rebalance result's workbook (`rebalance_excel`); `write_table` too.
colour_ratio = _colour
setup_print = a4_with_footer


def build_workbook(proposal: AllocationProposal, accepted: Accepted | None = None) -> Workbook:
    """The result workbook in memory (the app may show or save it); with `accepted`, the
    sheet of an accepted week, titled so, with who accepted it and when."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    _summary(summary, proposal, accepted)
    _allocations(book.create_sheet("Allocations"), proposal)
    _workload(book.create_sheet("Workload"), proposal)
    _unallocated(book.create_sheet("Unallocated"), proposal)
    return book


def write_excel(proposal: AllocationProposal, path: Path, accepted: Accepted | None = None) -> None:
    """Write the result workbook atomically (a crash never leaves half a file)."""
    book = build_workbook(proposal, accepted)
    data = workbook_bytes(book)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)
