"""Chart axes the views share: a load-percent axis, and both axes on every series."""

from __future__ import annotations

from ui.qt import QChart, Qt, QValueAxis


def percent_axis(low: float, high: float, step: int, title: str = "") -> QValueAxis:
    """A load axis from `low`% to `high`%, ticks every `step`% from 0, labelled '90%'."""
    axis = QValueAxis()
    axis.setRange(low, high)
    axis.setLabelFormat("%d%%")
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    if title:
        axis.setTitleText(title)
    return axis


def attach_axes(chart: QChart, x_axis: QValueAxis, y_axis: QValueAxis) -> None:
    """Put `x_axis` below and `y_axis` left of `chart`, and attach both to every series."""
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for drawn in chart.series():
        drawn.attachAxis(x_axis)
        drawn.attachAxis(y_axis)
