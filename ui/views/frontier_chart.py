"""The frontier chart: voluntary moves (x) against the worst load % (y), the chosen point marked.

Proven points are filled blue, points a time limit stopped are orange; the chosen point is a
large ring. The view steps the choice with its slider (`mark(moves)`). With several teams
(up to `MOST_TEAM_LINES`) each team's own frontier is a thin line beside the worst of all.
"""

from __future__ import annotations

from ui.frontier import FrontierPoint
from ui.qt import (
    QBrush,
    QChart,
    QChartView,
    QColor,
    QLineSeries,
    QPainter,
    QPen,
    QScatterSeries,
    Qt,
    QValueAxis,
    QWidget,
)
from ui.views.chart_axes import attach_axes, percent_axis

PROVEN, UNPROVEN, CHOSEN, CAPACITY = "#2F5597", "#C55A11", "#9C0006", "#7F7F7F"
TEAM_COLOURS = ("#70AD47", "#7030A0", "#00B0F0", "#BF8F00", "#FF66CC", "#548235", "#2E75B6")
MOST_TEAM_LINES = len(TEAM_COLOURS)  # past that the lines would be a tangle: the worst only


class FrontierChart(QChartView):
    """Shows a frontier (`show_points`) and marks one point of it (`mark`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName("Frontier chart: voluntary moves against the worst load")
        self.setMinimumHeight(220)
        self.points: list[FrontierPoint] = []
        self.team_lines: list[QLineSeries] = []
        self.chosen = QScatterSeries()
        self.show_points([])

    def show_points(
        self, points: list[FrontierPoint], teams: dict[str, list[FrontierPoint]] | None = None
    ) -> None:
        """Draw the frontier afresh; `teams` adds each team's own line (two or more teams)."""
        self.points = points
        chart = QChart()
        chart.setTitle("Worst caseload for each number of voluntary moves")
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        line = QLineSeries()
        line.setName("Worst load, all teams" if teams and len(teams) > 1 else "Worst load")
        line.setPen(QPen(QColor(PROVEN), 2))
        proven = self._scatter("Proven best", PROVEN)
        unproven = self._scatter("Not proven", UNPROVEN)
        for p in points:
            line.append(p.moves, p.max_load_ratio * 100)
            (proven if p.proven else unproven).append(p.moves, p.max_load_ratio * 100)
        capacity = QLineSeries()
        capacity.setName("Capacity (100%)")
        capacity.setPen(QPen(QColor(CAPACITY), 1, Qt.PenStyle.DashLine))
        most = max((p.moves for p in points), default=5)
        capacity.append(-0.25, 100)
        capacity.append(max(most, 1) + 0.25, 100)
        self.chosen = self._scatter("Chosen", CHOSEN, size=18, ring=True)
        self.team_lines = self._team_lines(teams or {})
        series = [capacity, *self.team_lines, line, proven, self.chosen]
        if unproven.count():
            series.append(unproven)
        for s in series:
            chart.addSeries(s)
        x_axis = QValueAxis()
        x_axis.setRange(-0.25, max(most, 1) + 0.25)  # room for the ring at either end
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(0)
        x_axis.setTickInterval(1 if most <= 12 else 5)
        x_axis.setLabelFormat("%d")
        x_axis.setTitleText("Voluntary moves (at most)")
        values = [p.max_load_ratio * 100 for p in points] or [100.0]
        values += [line.at(i).y() for line in self.team_lines for i in range(line.count())]
        low = min(min(values), 100.0)
        high = max(max(values), 100.0)
        y_range = (10 * (int(low) // 10) - 10, 10 * (int(high) // 10) + 10)
        attach_axes(chart, x_axis, percent_axis(*y_range, 10, "Worst load %"))
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def mark(self, moves: int) -> None:
        """Ring the point of `moves` voluntary moves."""
        self.chosen.clear()
        for p in self.points:
            if p.moves == moves:
                self.chosen.append(p.moves, p.max_load_ratio * 100)

    def marked(self) -> tuple[float, float] | None:
        """The chosen point's (x, y), for tests."""
        if self.chosen.count() == 0:
            return None
        point = self.chosen.at(0)
        return (point.x(), point.y())

    @staticmethod
    def _team_lines(teams: dict[str, list[FrontierPoint]]) -> list[QLineSeries]:
        if not 1 < len(teams) <= MOST_TEAM_LINES:
            return []
        lines = []
        for (team, team_points), colour in zip(teams.items(), TEAM_COLOURS, strict=False):
            series = QLineSeries()
            series.setName(team)
            series.setPen(QPen(QColor(colour), 1, Qt.PenStyle.DotLine))
            for p in team_points:
                series.append(p.moves, p.max_load_ratio * 100)
            lines.append(series)
        return lines

    @staticmethod
    def _scatter(name: str, colour: str, size: float = 10, ring: bool = False) -> QScatterSeries:
        series = QScatterSeries()
        series.setName(name)
        series.setMarkerSize(size)
        if ring:
            series.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            series.setPen(QPen(QColor(colour), 3))
        else:
            series.setBrush(QBrush(QColor(colour)))
            series.setPen(QPen(QColor(colour)))
        return series
