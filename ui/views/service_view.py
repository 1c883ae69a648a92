"""The Service view: every team of the workspace at once, for a head of service.

One row per team (load %, over-capacity workers, at the court cap, unallocated last week,
FTE needed and gap), coloured like the Workload view, and a heat map of every lead worker
by team. Clicking a team (or pressing Enter on it) opens its workload. The figures are
worked out on a task runner (`ServiceState`), never on the window's thread.
"""

from __future__ import annotations

from ui.models.service_models import ServiceTeamsModel, WorkerHeatModel
from ui.qt import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QModelIndex,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.service_state import ServiceState
from ui.views.table_widgets import fit_columns, make_table

HEAT_CELL = 46


def service_caption(state: ServiceState) -> str:
    """The service's line: teams, load against capacity, FTE needed and the gap."""
    report = state.report
    if report is None:
        return "Working out the figures…"
    s = report.service
    ratio = "-" if s.load_ratio is None else f"{s.load_ratio:.0%}"
    weeks = len(state.weeks)
    return (
        f"{len(report.teams)} team(s), week of {report.week.isoformat()}: load {ratio} of "
        f"capacity; {s.over_capacity} lead workers over capacity, {s.at_court_cap} at the court "
        f"cap; FTE needed {s.fte_needed:.2f}, gap {s.fte_gap:+.2f}. "
        f"{weeks} accepted week(s) on record."
    )


class ServiceView(QWidget):
    """The teams table and the worker heat map. Signal `open_team(team)` on a click."""

    open_team = Signal(str)

    def __init__(self, state: ServiceState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.caption = QLabel("", self)
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Service summary")
        self.model = ServiceTeamsModel(self)
        self.table, self.proxy = make_table(self.model, "Teams of the service", self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setToolTip("Click a team (or press Enter) to open its workload")
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.heat_model = WorkerHeatModel(self)
        self.heat = QTableView(self)
        self.heat.setObjectName("Worker heat map")
        self.heat.setAccessibleName("Worker heat map: every lead worker's load by team")
        self.heat.setModel(self.heat_model)
        self.heat.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat.setTabKeyNavigation(False)
        self.heat.horizontalHeader().setDefaultSectionSize(HEAT_CELL)
        self.heat.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.heat.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.heat.clicked.connect(self._heat_clicked)
        self.heat.activated.connect(self._heat_clicked)
        heat_title = QLabel(
            "Every lead worker's load as a share of capacity, by team (hover for the figures; "
            "click to open the team). Green: room; amber: near full; red: over capacity.",
            self,
        )
        heat_title.setWordWrap(True)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(heat_title)
        lower_layout.addWidget(self.heat, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(split, 1)
        state.updated.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the state's latest figures."""
        self.caption.setText(service_caption(self.state))
        first = self.model.rowCount() == 0
        self.model.set_report(self.state.report)
        self.heat_model.set_report(self.state.report)
        if first and self.model.rowCount():
            fit_columns(self.table)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.proxy.mapToSource(index).row()
            self.open_team.emit(self.model.team_at(row).team)

    def _heat_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_team.emit(self.heat_model.teams[index.row()])
