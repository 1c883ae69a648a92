"""The Planning view: each team's projected load against capacity, with what-if changes.

The chart has one line per team (after the what-if changes) and the capacity line at 100%;
the controls set the horizon, the rates (measured from the workspace's accepted weeks, or
the manager's own) and the what-if starters and leavers; the table gives the figures
before and after side by side. The plan is worked out from the `ServiceState` report,
which is made on a task runner; the plan itself is a few sums per team.
"""

from __future__ import annotations

from fsp_allocator.domain import LEAD_ROLES, Role
from fsp_allocator.service.figures import SERVICE
from fsp_allocator.service.plan import DEFAULT_WEEKS, MAX_WEEKS, MIN_WEEKS, Plan, make_plan
from fsp_allocator.service.rates import measured_rates, with_overrides
from fsp_allocator.service.whatif import WhatIfError, parse_changes
from ui.models.service_models import PlanTeamsModel
from ui.qt import (
    QAbstractItemView,
    QChart,
    QChartView,
    QCheckBox,
    QColor,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineSeries,
    QListWidget,
    QPainter,
    QPen,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QValueAxis,
    QVBoxLayout,
    QWidget,
)
from ui.service_state import ServiceState
from ui.views.chart_axes import attach_axes, percent_axis
from ui.views.table_widgets import fit_columns, make_table

LEGEND_UP_TO = 20  # more teams than this: the legend would hide the chart; hover names them
CHART_TITLE = "Projected load as % of capacity (after the what-if changes)"


class PlanningView(QWidget):
    """Chart, controls and table of the capacity plan."""

    def __init__(self, state: ServiceState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.adds: list[str] = []
        self.removes: list[str] = []
        self.plan: Plan | None = None
        self.chart_view = QChartView(self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName("Projection chart")
        self.chart_view.setMinimumHeight(260)
        self.model = PlanTeamsModel(self)
        self.table, self.proxy = make_table(self.model, "Plan by team", self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.basis = QLabel("", self)
        self.basis.setWordWrap(True)
        self.basis.setAccessibleName("Where the rates come from")
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.chart_view)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        body = QHBoxLayout()
        body.addWidget(self._controls(), 0)
        body.addWidget(split, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.basis)
        layout.addLayout(body, 1)
        state.updated.connect(self.refresh)
        self.refresh()

    # --- controls -----------------------------------------------------------------------
    def _controls(self) -> QWidget:
        panel = QWidget(self)
        panel.setMaximumWidth(330)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        horizon = QGroupBox("Horizon and rates", panel)
        form = QFormLayout(horizon)
        self.weeks = QSpinBox(horizon)
        self.weeks.setRange(MIN_WEEKS, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.setAccessibleName("Weeks to project")
        self.weeks.valueChanged.connect(lambda _v: self.recompute())
        form.addRow("Weeks:", self.weeks)
        self.own_rates = QCheckBox("Use my own rates", horizon)
        self.own_rates.setToolTip("Otherwise: the mean of the last 8 accepted weeks, per team")
        self.own_rates.toggled.connect(self._rates_toggled)
        form.addRow(self.own_rates)
        self.intake = self._rate_box(horizon, "Intake a week per team")
        self.closures = self._rate_box(horizon, "Closures a week per team")
        form.addRow("Intake:", self.intake)
        form.addRow("Closures:", self.closures)
        column.addWidget(horizon)
        what_if = QGroupBox("What if…", panel)
        grid = QVBoxLayout(what_if)
        self.add_team = QComboBox(what_if)
        self.add_team.setAccessibleName("Team of the starter")
        self.add_role = QComboBox(what_if)
        self.add_role.setAccessibleName("Role of the starter")
        self.add_role.addItems([r.value for r in Role if r in LEAD_ROLES])
        self.add_fte = QDoubleSpinBox(what_if)
        self.add_fte.setRange(0.1, 1.0)
        self.add_fte.setSingleStep(0.1)
        self.add_fte.setValue(1.0)
        self.add_fte.setAccessibleName("FTE of the starter")
        add_row = QHBoxLayout()
        for widget in (self.add_team, self.add_role, self.add_fte):
            add_row.addWidget(widget)
        self.add_button = QPushButton("Add a starter", what_if)
        self.add_button.setToolTip("Plan as if a worker of this role and FTE joined the team")
        self.add_button.clicked.connect(self.add_starter)
        self.remove_worker = QComboBox(what_if)
        self.remove_worker.setAccessibleName("Worker who leaves")
        self.remove_button = QPushButton("Remove (a leaver)", what_if)
        self.remove_button.setToolTip(
            "Plan as if this worker left: their capacity goes, their children stay to re-home"
        )
        self.remove_button.clicked.connect(self.remove_selected_worker)
        self.changes = QListWidget(what_if)
        self.changes.setAccessibleName("What-if changes")
        self.clear_button = QPushButton("Clear the changes", what_if)
        self.clear_button.clicked.connect(self.clear_changes)
        grid.addWidget(QLabel("A starter joins:", what_if))
        grid.addLayout(add_row)
        grid.addWidget(self.add_button)
        grid.addWidget(QLabel("A worker leaves:", what_if))
        grid.addWidget(self.remove_worker)
        grid.addWidget(self.remove_button)
        grid.addWidget(QLabel("Changes (the plan only; nothing is saved):", what_if))
        grid.addWidget(self.changes, 1)
        grid.addWidget(self.clear_button)
        column.addWidget(what_if, 1)
        self._rates_toggled(False)
        return panel

    def _rate_box(self, parent: QWidget, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(parent)
        box.setRange(0.0, 1000.0)
        box.setDecimals(2)
        box.setSingleStep(0.5)
        box.setSuffix(" units")
        box.setAccessibleName(name)
        box.valueChanged.connect(lambda _v: self.recompute())
        return box

    def _rates_toggled(self, on: bool) -> None:
        self.intake.setEnabled(on)
        self.closures.setEnabled(on)
        self.recompute()

    def add_starter(self) -> None:
        """Add the chosen starter to the what-if changes."""
        team = self.add_team.currentText()
        if team:
            fte = f"{self.add_fte.value():g}"
            self.adds.append(f"{team}:{self.add_role.currentText()}:{fte}")
            self.recompute()

    def remove_selected_worker(self) -> None:
        """Add the chosen worker to the leavers of the what-if changes."""
        worker_id = self.remove_worker.currentData()
        if worker_id and worker_id not in self.removes:
            self.removes.append(str(worker_id))
            self.recompute()

    def clear_changes(self) -> None:
        """Back to the roster as it is."""
        self.adds.clear()
        self.removes.clear()
        self.recompute()

    # --- figures ----------------------------------------------------------------------
    def refresh(self) -> None:
        """New figures from the workspace: refill the choices and recompute."""
        data = self.state.session.data
        chosen_team, chosen_worker = self.add_team.currentText(), self.remove_worker.currentData()
        self.add_team.blockSignals(True)
        self.add_team.clear()
        self.add_team.addItems(list(data.teams()))
        self.add_team.setCurrentIndex(max(0, self.add_team.findText(chosen_team)))
        self.add_team.blockSignals(False)
        self.remove_worker.clear()
        for w in data.workers:
            if w.role.leads:
                self.remove_worker.addItem(f"{w.name} ({w.worker_id}, {w.team})", w.worker_id)
        found = self.remove_worker.findData(chosen_worker)
        self.remove_worker.setCurrentIndex(max(0, found))
        known = {w.worker_id for w in data.workers}
        self.removes = [r for r in self.removes if r in known]
        self.adds = [a for a in self.adds if a.rsplit(":", 2)[0] in data.teams()]
        self.recompute()

    def recompute(self) -> None:
        """Work the plan out again from the latest report, rates and changes."""
        report = self.state.report
        if report is None or not hasattr(self, "model"):
            self.basis.setText("Working out the figures…")
            return
        data = self.state.session.data
        rates = measured_rates(self.state.weeks, list(data.teams()))
        if self.own_rates.isChecked():
            rates = with_overrides(rates, self.intake.value(), self.closures.value())
        try:
            changes = parse_changes(self.adds, self.removes, data)
        except WhatIfError as bad:  # a team or worker gone since the change was made
            self.basis.setText("; ".join(bad.problems))
            return
        plan = make_plan(
            data, rates, changes, weeks=self.weeks.value(), source="workspace", report=report
        )
        self.plan = plan
        self.basis.setText(f"Rates: {rates.basis}. Week of {plan.week.isoformat()}.")
        self.changes.clear()
        self.changes.addItems([c.sentence() for c in changes] or ["none: the roster as it is"])
        self.clear_button.setEnabled(bool(changes))
        first = self.model.rowCount() == 0
        self.model.set_plan([*plan.teams, plan.service])
        if first:
            fit_columns(self.table)
        self._draw(plan)

    def _draw(self, plan: Plan) -> None:
        old = self.chart_view.chart()
        chart = QChart()
        chart.setTitle(CHART_TITLE)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        x_axis = QValueAxis()
        x_axis.setRange(0, plan.weeks)
        x_axis.setLabelFormat("%d")
        x_axis.setTitleText("Weeks from now")
        x_axis.setTickCount(min(plan.weeks, 12) + 1)
        top = 100.0
        lines = [*plan.teams, plan.service]
        for t in lines:
            side = t.after
            series = QLineSeries()
            series.setName(t.team)
            ratio = side.load_ratio
            if ratio is None:
                continue
            series.append(0, ratio * 100)
            for k in range(1, plan.weeks + 1):
                value = (side.projected_ratio(k) or 0.0) * 100
                series.append(k, value)
                top = max(top, value)
            if t.team == SERVICE and t is plan.service:
                pen = QPen(QColor("#000000"))
                pen.setWidth(3)
                series.setPen(pen)
            chart.addSeries(series)
        capacity = QLineSeries()
        capacity.setName("Capacity (100%)")
        capacity.append(0, 100.0)
        capacity.append(plan.weeks, 100.0)
        pen = QPen(QColor("#9C0006"))
        pen.setWidth(2)
        pen.setStyle(Qt.PenStyle.DashLine)
        capacity.setPen(pen)
        chart.addSeries(capacity)
        y_axis = percent_axis(0, 25 * (int(top + 5) // 25 + 1), 25, "Load as % of capacity")
        attach_axes(chart, x_axis, y_axis)
        chart.legend().setVisible(len(lines) <= LEGEND_UP_TO + 1)
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
