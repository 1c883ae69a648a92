"""The Workload view: each worker's load against capacity (a line at 100%), court load beside
it, and the trend over past weeks from the workspace's history. Colours are the Excel sheet's.

While a proposal is under review the bars show the loads after it; otherwise the current loads.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from fsp_allocator.domain import TeamData, Worker, WorkerId
from fsp_allocator.result.load_bands import BAND_COLOURS, LoadBand
from fsp_allocator.weighting import WorkerLoad, court_cap, worker_loads
from ui.colours import band
from ui.qt import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QColor,
    QComboBox,
    QDateTime,
    QDateTimeAxis,
    QHBoxLayout,
    QLabel,
    QLineSeries,
    QPainter,
    QPen,
    QSplitter,
    QStackedBarSeries,
    Qt,
    QValueAxis,
    QVBoxLayout,
    QWidget,
)
from ui.session import WorkspaceSession
from ui.views.chart_axes import percent_axis


def _chart_view(title: str) -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(title)
    _fresh_chart(view, title)
    return view


def _fresh_chart(view: QChartView, title: str) -> QChart:
    """A new, empty chart on `view` (the old one is deleted: no stale axes are painted)."""
    old = view.chart()
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    view.setChart(chart)
    if old is not None:
        old.deleteLater()
    return chart


def _percent_axis(top: float) -> QValueAxis:
    """0% up to a round 25% step above `top`, ticks every 25%."""
    return percent_axis(0, 25 * (int(max(125.0, top + 5)) // 25 + 1), 25)


def _reference_line(chart: QChart, y_axis: QValueAxis, count: int, level: float) -> None:
    """A dashed horizontal line at `level` across `count` categories."""
    line = QLineSeries()
    line.setName("Capacity (100%)")
    line.append(-0.5, level)
    line.append(count - 0.5, level)
    pen = QPen(QColor("#9C0006"))
    pen.setWidth(2)
    pen.setStyle(Qt.PenStyle.DashLine)
    line.setPen(pen)
    chart.addSeries(line)
    x_axis = QValueAxis()
    x_axis.setRange(-0.5, count - 0.5)
    x_axis.setVisible(False)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    line.attachAxis(x_axis)
    line.attachAxis(y_axis)


def _qt_time(when: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(when.timestamp() * 1000))


def short_name(name: str) -> str:
    """'Arjun Adeyemi' -> 'Arjun A.' (chart labels stay readable)."""
    parts = name.split()
    return f"{parts[0]} {parts[-1][0]}." if len(parts) > 1 else name


# distinct line colours for the trend (Tableau 10 and two more); past 12, dashed lines
TREND_COLOURS = (
    "#1F77B4",
    "#FF7F0E",
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
    "#393B79",
    "#637939",
)
LABEL_CHARS = 10  # Qt cuts a bar chart's category label much longer than this
PEN_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)


def trend_pen(index: int) -> QPen:
    """The `index`th trend line's pen: a colour of its own, then dashed, then dotted."""
    pen = QPen(QColor(TREND_COLOURS[index % len(TREND_COLOURS)]))
    pen.setWidth(2)
    pen.setStyle(PEN_STYLES[(index // len(TREND_COLOURS)) % len(PEN_STYLES)])
    return pen


def chart_label(worker: Worker) -> str:
    """'Arjun A.'; an adult practitioner by first name and role, 'Priya (DA)' (Qt cuts a
    category label much longer than ten characters)."""
    if worker.role.is_adult_practitioner:
        first = worker.name.split()[0] if worker.name.split() else worker.worker_id
        return f"{first[: LABEL_CHARS - 5]} ({worker.role.value})"
    return short_name(worker.name)[:LABEL_CHARS]


LOAD_TITLE = "Load against capacity"
COURT_TITLE = "Court load (families in PLO or court)"
TREND_TITLE = "Load over past weeks"


class WorkloadView(QWidget):
    """Three QtCharts: load %, court load against cap, and load % over past weeks."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.team = QComboBox(self)
        self.team.setAccessibleName("Team to show")
        self.team.setToolTip("The team whose workload is charted")
        self.team.currentIndexChanged.connect(lambda _i: self.refresh_charts())
        top = QHBoxLayout()
        top.addWidget(QLabel("Team:", self))
        top.addWidget(self.team)
        self.caption = QLabel("", self)
        self.caption.setWordWrap(True)  # never widens the window
        top.addWidget(self.caption, 1)
        self.load_view = load_view = _chart_view(LOAD_TITLE)
        self.court_view = court_view = _chart_view(COURT_TITLE)
        self.trend_view = trend_view = _chart_view(TREND_TITLE)
        bars = QSplitter(Qt.Orientation.Horizontal, self)
        bars.addWidget(load_view)
        bars.addWidget(court_view)
        bars.setStretchFactor(0, 3)
        bars.setStretchFactor(1, 2)
        column = QSplitter(Qt.Orientation.Vertical, self)
        column.addWidget(bars)
        column.addWidget(trend_view)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(column, 1)
        session.data_changed.connect(self.refresh)
        session.review_changed.connect(self.refresh_charts)
        self.refresh()

    def refresh(self) -> None:
        """Refill the team list and redraw."""
        chosen = self.team.currentText()
        self.team.blockSignals(True)
        self.team.clear()
        self.team.addItems(list(self.session.data.teams()))
        self.team.setCurrentIndex(max(0, self.team.findText(chosen)))
        self.team.blockSignals(False)
        self.refresh_charts()

    def _loads(self) -> tuple[dict[WorkerId, WorkerLoad], str]:
        review = self.session.review
        if review is not None:
            return dict(review.after), "after the proposal under review"
        return dict(worker_loads(self.session.data)), "now"

    def refresh_charts(self) -> None:
        """Redraw the three charts for the chosen team."""
        data, team = self.session.data, self.team.currentText()
        loads, when = self._loads()
        leads = [w for w in data.workers if w.role.leads and w.team == team]
        adults = [w for w in data.workers if w.role.is_adult_practitioner and w.team == team]
        self.caption.setText(
            f"Loads {when}. Colours as on the Excel allocation sheet. Adult practitioners: "
            "families held against their capacity in families."
        )
        charted = [*leads, *adults]
        self._draw_load(
            [chart_label(w) for w in charted], [loads[w.worker_id].ratio * 100 for w in charted]
        )
        self._draw_court(
            [chart_label(w) for w in leads],
            [loads[w.worker_id].court for w in leads],
            [court_cap(w, data.settings) for w in leads],
        )
        self._draw_trend(data, team)

    def _draw_load(self, names: list[str], percents: list[float]) -> None:
        chart = _fresh_chart(self.load_view, LOAD_TITLE)
        series = QStackedBarSeries()
        for level in LoadBand:
            bar_set = QBarSet(level.value.capitalize())
            bar_set.setColor(QColor(f"#{BAND_COLOURS[level].fill}").darker(125))
            for value in percents:
                bar_set.append(value if band(value / 100) is level else 0.0)
            series.append(bar_set)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(names)
        x_axis.setLabelsAngle(-90)  # whole names: at -45 degrees they were cut
        y_axis = _percent_axis(max([0.0, *percents]))
        y_axis.setTitleText("% of capacity")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        _reference_line(chart, y_axis, max(1, len(names)), 100.0)

    def _draw_court(self, names: list[str], court: list[int], caps: list[int]) -> None:
        chart = _fresh_chart(self.court_view, COURT_TITLE)
        series = QBarSeries()
        held, cap = QBarSet("Court families"), QBarSet("Court cap")
        held.setColor(QColor("#2F5597"))
        cap.setColor(QColor("#BFBFBF"))
        held.append([float(c) for c in court])
        cap.append([float(c) for c in caps])
        series.append(held)
        series.append(cap)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(names)
        x_axis.setLabelsAngle(-90)
        y_axis = QValueAxis()
        y_axis.setRange(0, max([4, *court, *caps]) + 1)
        y_axis.setLabelFormat("%d")
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickInterval(1)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    def _draw_trend(self, data: TeamData, team: str) -> None:
        chart = _fresh_chart(self.trend_view, TREND_TITLE)
        snapshots = self.session.workspace.workload_history(team=team) if team else []
        names: dict[str, str] = {w.worker_id: chart_label(w) for w in data.workers}
        lead_ids = {
            w.worker_id for w in data.workers if w.role.leads or w.role.is_adult_practitioner
        }
        points: dict[str, dict[datetime, float]] = defaultdict(dict)
        for snap in snapshots:
            if snap.worker_id in lead_ids and snap.capacity > 0:
                when = datetime.combine(snap.week, time())
                points[snap.worker_id][when] = snap.load / snap.capacity * 100
        chart.setTitle(
            "Load over past weeks"
            if points
            else "Load over past weeks (none yet: each accepted week adds a point)"
        )
        if not points:
            return
        top = max(v for series in points.values() for v in series.values())
        x_axis, y_axis = QDateTimeAxis(), _percent_axis(top)
        x_axis.setFormat("dd MMM")
        y_axis.setTitleText("% of capacity")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        all_days = [d for series in points.values() for d in series]
        for number, (worker_id, series_points) in enumerate(points.items()):
            line = QLineSeries()
            line.setName(names.get(worker_id, worker_id))
            line.setPen(trend_pen(number))
            line.setColor(line.pen().color())
            line.setPointsVisible(True)
            for when, value in sorted(series_points.items()):
                line.append(when.timestamp() * 1000, value)
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
        first, last = min(all_days), max(all_days)
        if first == last:
            first, last = first - timedelta(days=7), last + timedelta(days=7)
        x_axis.setRange(_qt_time(first), _qt_time(last))
