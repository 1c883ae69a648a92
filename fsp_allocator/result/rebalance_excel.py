"""The rebalance result as a workbook: `Summary`, `Moves`, `Workload`, `Unplaced`, `Frontier`.

`Moves` is the transfer list for the meeting: frozen header, filters, from/to names beside
ids, reasons wrapped, landscape pages fitted to the width with the header repeated and a
title on every page. Every cell goes through `safe_cells` (via the allocation writer's
table code), so no text ever becomes a formula.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.result.excel_writer import (
    HEADER_FONT,
    WRAP,
    colour_ratio,
    setup_print,
    workload_sheet,
    write_table,
)
from fsp_allocator.safe_write import atomic_path
from fsp_allocator.workbook.safe_cells import CellValue, set_value


def _names(result: RebalanceResult) -> dict[str, str]:
    return {w.worker_id: w.name for w in result.workload}


def _summary(sheet: Worksheet, result: RebalanceResult) -> None:
    names = _names(result)
    teams = list(dict.fromkeys(line.team for line in result.workload))
    forced = sum(1 for m in result.moves if m.forced)
    block: list[tuple[str, CellValue]] = [
        ("Week", result.week),
        ("Team" if len(teams) == 1 else "Teams", ", ".join(teams)),
        ("Status", result.status),
        ("Released", ", ".join(names.get(w, w) for w in result.released) or "None"),
        ("Children re-homed (forced)", forced),
        ("Children moved to relieve overload", len(result.moves) - forced),
        ("Children unplaced", len(result.unplaced)),
        ("Voluntary moves allowed per team", result.max_moves),
        ("Warnings", len(result.warnings)),
        ("Search time (seconds)", result.solve_seconds),
    ]
    title = sheet.cell(row=1, column=1)
    set_value(title, "FSP Allocator: proposed rebalance")
    title.font = Font(bold=True, size=14)
    for r, (label, value) in enumerate(block, start=3):
        set_value(sheet.cell(row=r, column=1), label)
        sheet.cell(row=r, column=1).font = HEADER_FONT
        set_value(sheet.cell(row=r, column=2), value)
        sheet.cell(row=r, column=2).alignment = Alignment(horizontal="left", wrap_text=True)
    start = 3 + len(block) + 1
    set_value(sheet.cell(row=start, column=1), "The warnings in full")
    sheet.cell(row=start, column=1).font = HEADER_FONT
    for r, warning in enumerate(result.warnings or ("None",), start=start + 1):
        set_value(sheet.cell(row=r, column=1), warning)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        sheet.cell(row=r, column=1).alignment = WRAP
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90
    setup_print(sheet)


def _moves(sheet: Worksheet, result: RebalanceResult) -> None:
    names = _names(result)
    headers = [
        ("Child ID", 12),
        ("Family ID", 12),
        ("Team", 14),
        ("From", 20),
        ("From ID", 11),
        ("To", 20),
        ("To ID", 11),
        ("Forced", 8),
        ("Continuity", 11),
        ("Weight", 8),
        ("To: % of capacity before", 12),
        ("To: % of capacity after", 12),
        ("Reasons", 70),
    ]
    rows = [
        (
            m.child_id,
            m.family_id,
            m.team or "",
            names.get(m.from_worker_id, ""),
            m.from_worker_id,
            names.get(m.to_worker_id, ""),
            m.to_worker_id,
            "yes" if m.forced else "no",
            "yes" if m.continuity else "no",
            m.weight,
            m.ratio_from,
            m.ratio_to,
            "\n".join(m.reasons),
        )
        for m in result.moves
    ]
    write_table(sheet, headers, rows)
    for r, m in enumerate(result.moves, start=2):
        colour_ratio(sheet, r, 11, m.ratio_from)
        colour_ratio(sheet, r, 12, m.ratio_to)
    sheet.oddHeader.center.text = f"Transfer list, week of {result.week:%d %B %Y}"
    sheet.oddFooter.center.text = "Page &P of &N"
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _unplaced(sheet: Worksheet, result: RebalanceResult) -> None:
    names = _names(result)
    headers = [
        ("Child ID", 12),
        ("Family ID", 12),
        ("Team", 14),
        ("Stays with", 20),
        ("Worker ID", 11),
        ("Reason", 100),
    ]
    rows = [
        (
            u.child_id,
            u.family_id,
            u.team or "",
            names.get(u.from_worker_id, ""),
            u.from_worker_id,
            u.reason,
        )
        for u in result.unplaced
    ]
    write_table(sheet, headers, rows)


def _frontier(sheet: Worksheet, result: RebalanceResult) -> None:
    headers = [
        ("Team", 16),
        ("Voluntary moves allowed", 12),
        ("Voluntary moves used", 12),
        ("Highest % of capacity", 12),
        ("Workers above capacity", 12),
        ("Families not re-homed", 12),
        ("Proven best", 10),
    ]
    rows = [
        (
            f.team,
            f.moves,
            f.used_moves,
            f.max_load_ratio,
            f.over_capacity,
            f.unplaced_families,
            "yes" if f.proven else "no (time limit)",
        )
        for f in result.frontier
    ]
    write_table(sheet, headers, rows)
    for r, f in enumerate(result.frontier, start=2):
        colour_ratio(sheet, r, 4, f.max_load_ratio)


def build_rebalance_workbook(result: RebalanceResult) -> Workbook:
    """The result workbook in memory."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    _summary(summary, result)
    _moves(book.create_sheet("Moves"), result)
    workload_sheet(book.create_sheet("Workload"), result.workload)
    _unplaced(book.create_sheet("Unplaced"), result)
    _frontier(book.create_sheet("Frontier"), result)
    return book


def write_rebalance_excel(result: RebalanceResult, path: Path) -> None:
    """Write the result workbook atomically (a crash never leaves half a file)."""
    book = build_rebalance_workbook(result)
    with atomic_path(Path(path)) as tmp:
        book.save(tmp)
