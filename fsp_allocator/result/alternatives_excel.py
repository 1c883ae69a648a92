"""The "Alternatives" sheet: for each family, every worker of its team, ranked.

One row per (family, worker): rank (possible workers only), the worker, their load without
and with the family (coloured by load band), the rule that stops them and its sentence, or
what the choice would cost; then one column per aim with its change against the current
plan. Written through the result workbook's own table helper, so every text is a safe cell.
"""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.worksheet.worksheet import Worksheet

from fsp_allocator.allocation.alternatives import LEAD_AIMS, Alternative
from fsp_allocator.domain import FamilyId
from fsp_allocator.result.excel_writer import colour_ratio, write_table
from fsp_allocator.workbook.safe_cells import CellValue

HEADERS = [
    ("Family ID", 12),
    ("Rank", 7),
    ("Worker", 20),
    ("Worker ID", 11),
    ("Possible", 9),
    ("Load now", 10),
    ("Load with the family", 12),
    ("Rule that stops them", 28),
    ("Reason or cost", 70),
]
LOAD_COLUMNS = (6, 7)


def alternatives_sheet(sheet: Worksheet, lists: Mapping[FamilyId, tuple[Alternative, ...]]) -> None:
    """Fill `sheet` with every family's ranked list."""
    headers = HEADERS + [(f"Change: {aim.name}", 14) for aim in LEAD_AIMS]
    rows: list[tuple[CellValue, ...]] = []
    ratios: list[tuple[float, float]] = []
    for family_id, ranked in lists.items():
        for rank, a in enumerate(ranked, start=1):
            costs = tuple(a.cost.get(aim.name, "") for aim in LEAD_AIMS)
            rows.append(
                (
                    family_id,
                    rank if a.possible else "",
                    a.name,
                    a.worker_id,
                    "yes" if a.possible else "no",
                    a.load_before,
                    a.load_after,
                    a.rule,
                    a.reason,
                    *costs,
                )
            )
            ratios.append((a.load_before, a.load_after))
    write_table(sheet, headers, rows)
    for r, pair in enumerate(ratios, start=2):
        for column, ratio in zip(LOAD_COLUMNS, pair, strict=True):
            colour_ratio(sheet, r, column, ratio)
