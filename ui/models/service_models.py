"""Models of the Service and Planning views: teams' figures, the worker heat map, the plan.

They only adapt the core's figures (`fsp_allocator.service`); colours are the load bands
of the Excel sheet and the Workload view.
"""

from __future__ import annotations

from typing import Any

from fsp_allocator.service.figures import ServiceReport, TeamFigures, WorkerFigures
from fsp_allocator.service.plan import PlanFigures, TeamPlan
from ui.colours import load_colour
from ui.formatting import number, percent
from ui.models.table_base import Column, Index, RowTableModel
from ui.qt import QAbstractTableModel, QColor, QModelIndex, QObject, Qt


def _ratio(value: float | None) -> str:
    return "" if value is None else percent(value)


def _colour(value: float | None) -> QColor | None:
    return None if value is None else load_colour(value)


def _two(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


TEAM_COLUMNS = (
    Column("Team", lambda t: t.team, tip="Click a team to open its workload"),
    Column(
        "Load %",
        lambda t: _ratio(t.load_ratio),
        sort=lambda t: t.load_ratio,
        background=lambda t: _colour(t.load_ratio),
        right=True,
        tip="Load of the lead workers as a share of their capacity",
    ),
    Column(
        "Over capacity",
        lambda t: str(t.over_capacity),
        sort=lambda t: t.over_capacity,
        right=True,
        tip="Lead workers whose load is above their capacity",
    ),
    Column(
        "At court cap",
        lambda t: str(t.at_court_cap),
        sort=lambda t: t.at_court_cap,
        right=True,
        tip="Lead workers whose court load is at or above their court cap",
    ),
    Column(
        "Unallocated last week",
        lambda t: _count(t.unallocated_last_week),
        sort=lambda t: t.unallocated_last_week,
        right=True,
        tip="Children left unallocated at the last accepted week",
    ),
    Column(
        "New children",
        lambda t: str(t.new_children),
        sort=lambda t: t.new_children,
        right=True,
        tip="Children waiting to be allocated this week",
    ),
    Column(
        "FTE needed",
        lambda t: _two(t.fte_needed),
        sort=lambda t: t.fte_needed,
        right=True,
        tip="Full-time workers at the target caseload that the present load needs",
    ),
    Column(
        "FTE gap",
        lambda t: _signed(t.fte_gap),
        sort=lambda t: t.fte_gap,
        right=True,
        background=lambda t: load_colour(1.01) if t.fte_gap > 0 else None,
        tip="FTE needed minus the FTE at target the team's capacity holds",
    ),
    Column(
        "Lead workers",
        lambda t: str(t.lead_workers),
        sort=lambda t: t.lead_workers,
        right=True,
        tip="SW, SENIOR, ASYE and ATM available this week",
    ),
    Column(
        "Lead FTE", lambda t: number(round(t.lead_fte, 2)), sort=lambda t: t.lead_fte, right=True
    ),
    Column(
        "Capacity", lambda t: number(round(t.capacity, 2)), sort=lambda t: t.capacity, right=True
    ),
    Column("Load", lambda t: number(round(t.load, 2)), sort=lambda t: t.load, right=True),
    Column("Open children", lambda t: str(t.children), sort=lambda t: t.children, right=True),
    Column(
        "Children per FTE",
        lambda t: _two(t.children_per_fte),
        sort=lambda t: t.children_per_fte,
        right=True,
    ),
)


class ServiceTeamsModel(RowTableModel):
    """One row per team of the service report."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(TEAM_COLUMNS, key=lambda t: t.team, parent=parent)

    def set_report(self, report: ServiceReport | None) -> None:
        """Show the report's teams (none without a report)."""
        self.set_rows(list(report.teams) if report is not None else [])

    def team_at(self, row: int) -> TeamFigures:
        """The team's figures at `row`."""
        figures: TeamFigures = self.rows[row]
        return figures


def _worker_tip(w: WorkerFigures) -> str:
    court = f"court {w.court} of {w.court_cap}"
    closed = "" if w.accepting else ", closed to new work"
    return (
        f"{w.name} ({w.worker_id}, {w.role}, {w.fte:g} FTE{closed})\n"
        f"load {number(round(w.load, 2))} of {number(round(w.capacity, 2))} "
        f"({_ratio(w.load_ratio)}), {w.children} children, {court}"
    )


class WorkerHeatModel(QAbstractTableModel):
    """The heat map: one row per team, one cell per lead worker, coloured by load ÷ capacity."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.teams: list[str] = []
        self.cells: list[list[WorkerFigures]] = []
        self.width = 0

    def set_report(self, report: ServiceReport | None) -> None:
        """Lay the report's lead workers out team by team."""
        self.beginResetModel()
        by_team: dict[str, list[WorkerFigures]] = {}
        if report is not None:
            by_team = {t.team: [] for t in report.teams}
            for line in report.workers:
                by_team.setdefault(line.team, []).append(line)
        self.teams = list(by_team)
        self.cells = [by_team[t] for t in self.teams]
        self.width = max((len(c) for c in self.cells), default=0)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Teams; 0 under any item."""
        return 0 if parent.isValid() else len(self.teams)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The largest team's lead workers; 0 under any item."""
        return 0 if parent.isValid() else self.width

    def worker_at(self, row: int, column: int) -> WorkerFigures | None:
        """The worker in a cell, or None for an empty cell."""
        if 0 <= row < len(self.cells) and 0 <= column < len(self.cells[row]):
            return self.cells[row][column]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A worker's load % (display), their figures (tooltip) and band colour."""
        if not index.isValid():
            return None
        worker = self.worker_at(index.row(), index.column())
        if worker is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _ratio(worker.load_ratio) or "-"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _worker_tip(worker)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _colour(worker.load_ratio)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{worker.name}, {worker.team}: {_ratio(worker.load_ratio)}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Team names down the side; worker numbers across."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.teams):
            return self.teams[section]
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.width:
            return str(section + 1)
        return None


def _weeks(p: PlanFigures) -> str:
    weeks = p.weeks_until_full
    if weeks is None:
        return "not filling"
    return "full now" if weeks == 0 else f"{weeks:.1f}"


def _weeks_sort(p: PlanFigures) -> float:
    weeks = p.weeks_until_full
    return float("inf") if weeks is None else weeks


def _end(p: PlanFigures) -> float | None:
    return p.projected_ratio(p.weeks)


PLAN_COLUMNS = (
    Column("Team", lambda t: t.team),
    Column(
        "Load %",
        lambda t: _ratio(t.before.load_ratio),
        sort=lambda t: t.before.load_ratio,
        background=lambda t: _colour(t.before.load_ratio),
        right=True,
    ),
    Column(
        "Load % after",
        lambda t: _ratio(t.after.load_ratio),
        sort=lambda t: t.after.load_ratio,
        background=lambda t: _colour(t.after.load_ratio),
        right=True,
        tip="With the what-if changes",
    ),
    Column(
        "Capacity",
        lambda t: number(round(t.before.capacity, 2)),
        sort=lambda t: t.before.capacity,
        right=True,
    ),
    Column(
        "Capacity after",
        lambda t: number(round(t.after.capacity, 2)),
        sort=lambda t: t.after.capacity,
        right=True,
    ),
    Column(
        "Spare",
        lambda t: number(round(t.before.spare, 2)),
        sort=lambda t: t.before.spare,
        right=True,
        tip="Capacity minus load (negative: over capacity)",
    ),
    Column(
        "Spare after",
        lambda t: number(round(t.after.spare, 2)),
        sort=lambda t: t.after.spare,
        right=True,
    ),
    Column(
        "Growth a week",
        lambda t: _signed(t.before.growth),
        sort=lambda t: t.before.growth,
        right=True,
        tip="Intake minus closures, weighted units a week",
    ),
    Column(
        "Weeks until full",
        lambda t: _weeks(t.before),
        sort=lambda t: _weeks_sort(t.before),
        right=True,
    ),
    Column(
        "Weeks until full after",
        lambda t: _weeks(t.after),
        sort=lambda t: _weeks_sort(t.after),
        right=True,
    ),
    Column(
        "At the end",
        lambda t: _ratio(_end(t.before)),
        sort=lambda t: _end(t.before),
        background=lambda t: _colour(_end(t.before)),
        right=True,
        tip="Projected load % at the end of the horizon",
    ),
    Column(
        "At the end after",
        lambda t: _ratio(_end(t.after)),
        sort=lambda t: _end(t.after),
        background=lambda t: _colour(_end(t.after)),
        right=True,
    ),
)


class PlanTeamsModel(RowTableModel):
    """One row per team of the plan, then the service; before and after side by side."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(PLAN_COLUMNS, key=lambda t: t.team, parent=parent)

    def set_plan(self, rows: list[TeamPlan]) -> None:
        """Show the plan's rows."""
        self.set_rows(rows)
