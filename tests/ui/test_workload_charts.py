"""The Workload charts (issue 16): whole labels, a colour per trend line, and the adult
practitioners charted beside the lead workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.main_window import MainWindow
from ui.qt import QBarCategoryAxis, QLineSeries, QValueAxis
from ui.views.workload_view import LABEL_CHARS, trend_pen


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    main.tabs.setCurrentWidget(main.workload_view)
    yield main
    main.session.workspace.close()


def _categories(window: MainWindow) -> list[str]:
    chart = window.workload_view.load_view.chart()
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    return list(axis.categories())


def test_adult_practitioners_are_charted(window: MainWindow) -> None:
    data = window.session.data
    adults = [w for w in data.workers if w.role.is_adult_practitioner]
    assert adults
    labels = _categories(window)
    for adult in adults:
        assert f"({adult.role.value})" in " ".join(labels)
    trend = [s.name() for s in window.workload_view.trend_view.chart().series()]
    assert any(f"({adults[0].role.value})" in name for name in trend)


def test_labels_are_whole_and_upright(window: MainWindow) -> None:
    chart = window.workload_view.load_view.chart()
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.labelsAngle() == -90
    assert all(len(label) <= LABEL_CHARS for label in _categories(window))
    titles = [a.titleText() for a in chart.axes() if isinstance(a, QValueAxis) and a.isVisible()]
    assert titles == ["% of capacity"]


def test_each_trend_line_has_its_own_colour(window: MainWindow) -> None:
    series = [
        s for s in window.workload_view.trend_view.chart().series() if isinstance(s, QLineSeries)
    ]
    assert len(series) > 9  # more lines than Qt's own palette has colours
    looks = {(s.pen().color().name(), s.pen().style()) for s in series}
    assert len(looks) == len(series)
    assert len({(trend_pen(i).color().name(), trend_pen(i).style()) for i in range(30)}) == 30
