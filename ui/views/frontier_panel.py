"""The frontier panel: the chart, the slider that steps along it and what the point gives.

`show_points(points)` draws a run's frontier and puts the slider at the fewest moves for the
best balance; moving the slider marks the point, says what it gives and emits
`point_changed(moves)` for the view to show that plan.
"""

from __future__ import annotations

from ui.frontier import FrontierPoint, fewest_for_best, point_text
from ui.qt import QHBoxLayout, QLabel, QSlider, Qt, QVBoxLayout, QWidget, Signal
from ui.views.frontier_chart import FrontierChart


class FrontierPanel(QWidget):
    """Chart, slider and sentence over one frontier."""

    point_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[FrontierPoint] = []
        self.chart = FrontierChart(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Voluntary moves in the plan shown")
        self.slider.setToolTip("Step along the frontier: the plan with at most this many moves")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._moved)
        self.value = QLabel("", self)
        self.text = QLabel(point_text([], 0), self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("What the chosen point gives")
        self.text.setStyleSheet("font-weight: bold;")
        label = QLabel("&Voluntary moves:", self)
        label.setBuddy(self.slider)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart, 1)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.show_points([])

    def show_points(
        self, points: list[FrontierPoint], teams: dict[str, list[FrontierPoint]] | None = None
    ) -> None:
        """Draw `points` ([]: none), each team's own line when `teams` holds several, with
        the slider at the fewest moves for the best point."""
        self.points = points
        self.chart.show_points(points, teams)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max((p.moves for p in points), default=0))  # cancelled: fewer
        self.slider.setValue(fewest_for_best(points))
        self.slider.blockSignals(False)
        self.slider.setEnabled(bool(points))
        self._say(self.slider.value())

    def moves(self) -> int:
        """The number of voluntary moves chosen on the slider."""
        return int(self.slider.value())

    def _say(self, moves: int) -> None:
        self.value.setText(str(moves) if self.points else "")
        self.text.setText(point_text(self.points, moves))
        self.chart.mark(moves)

    def _moved(self, moves: int) -> None:
        self._say(moves)
        self.point_changed.emit(moves)
