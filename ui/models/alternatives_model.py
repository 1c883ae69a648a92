"""The family panel's list: every worker of the family's team, ranked, then who cannot and why.

One row per `Alternative` (the core's `fsp_allocator.allocation.alternatives`), in the
core's order (never re-sorted: the order is the ranking). The worker's id is each row's key
(`KEY_ROLE`); the full sentence is every cell's tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.colours import load_colour
from ui.formatting import percent
from ui.models.table_base import Column, RowTableModel
from ui.qt import QColor, QObject

if TYPE_CHECKING:
    from fsp_allocator.allocation.alternatives import Alternative

CANNOT = QColor("#EDEDED")


@dataclass(frozen=True, slots=True)
class Ranked:
    """One row: the worker's rank among those who could take the family (0: cannot)."""

    rank: int
    alternative: Alternative


def _worker(r: Ranked) -> str:
    a = r.alternative
    return f"{a.name} (now)" if a.current else a.name


def _load(r: Ranked) -> str:
    a = r.alternative
    if a.load_after == a.load_before:
        return percent(a.load_before)
    return f"from {percent(a.load_before)} to {percent(a.load_after)}"


def _cost(r: Ranked) -> str:
    a = r.alternative
    return a.reason if a.possible else a.rule


def detail(a: Alternative) -> str:
    """The whole of one row in a sentence or two (the panel shows it under the list)."""
    if a.possible:
        return f"{a.name}: {_load(Ranked(1, a))}. {a.reason}"
    return f"{a.name} cannot take this family ({a.rule}). {a.reason}"


def _tip(r: Ranked) -> str:
    return detail(r.alternative)


def _shade(r: Ranked) -> QColor | None:
    return None if r.alternative.possible else CANNOT


def _load_shade(r: Ranked) -> QColor | None:
    return load_colour(r.alternative.load_after) if r.alternative.possible else CANNOT


COLUMNS = (
    Column("#", lambda r: str(r.rank) if r.rank else "—", tip="1 costs the plan least", right=True),
    Column(
        "Worker",
        _worker,
        tip="'(now)': leads the family in the plan",
        cell_tip=_tip,
        background=_shade,
    ),
    Column(
        "Load",
        _load,
        tip="The worker's load ÷ capacity with the rest of the plan, then with this family too",
        cell_tip=_tip,
        background=_load_shade,
    ),
    Column(
        "Cost, or the rule",
        _cost,
        tip="What choosing them costs the plan, aim by aim; or the rule that stops them",
        cell_tip=_tip,
        background=_shade,
    ),
)


class AlternativesModel(RowTableModel):
    """The ranked workers for one family (`set_alternatives`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda r: r.alternative.worker_id, parent)

    def set_alternatives(self, ranked: tuple[Alternative, ...]) -> None:
        """Show one family's list, in its order (empty: no family)."""
        rows, rank = [], 0
        for a in ranked:
            rank += a.possible
            rows.append(Ranked(rank if a.possible else 0, a))
        self.set_rows(rows)

    def alternative(self, row: int) -> Alternative:
        """The alternative at `row`."""
        found: Ranked = self.rows[row]
        return found.alternative
