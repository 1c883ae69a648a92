"""The Service and Planning views: models pass qtmodeltester; figures, colours and clicks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fsp_allocator.demo import generate
from fsp_allocator.domain import FamilyId
from fsp_allocator.result.load_bands import BAND_COLOURS, band
from fsp_allocator.service.figures import service_report
from fsp_allocator.service.plan import make_plan
from fsp_allocator.service.rates import workbook_rates
from fsp_allocator.workspace import Workspace, open_workspace
from ui.app import create_window
from ui.main_window import MainWindow
from ui.models.service_models import PlanTeamsModel, ServiceTeamsModel, WorkerHeatModel
from ui.qt import QLineSeries, Qt

WEEK = date(2026, 11, 23)


def test_service_models_pass_modeltester(qtmodeltester: ModelTester) -> None:
    data = generate(teams=3, seed=2, week=WEEK)
    report = service_report(data)
    teams, heat, plan_model = ServiceTeamsModel(), WorkerHeatModel(), PlanTeamsModel()
    teams.set_report(report)
    heat.set_report(report)
    plan = make_plan(data, workbook_rates(data), report=report)
    plan_model.set_plan([*plan.teams, plan.service])
    assert teams.rowCount() == 3 and heat.rowCount() == 3 and plan_model.rowCount() == 4
    assert heat.columnCount() == max(
        sum(1 for w in report.workers if w.team == t) for t in data.teams()
    )
    for model in (teams, heat, plan_model):
        qtmodeltester.check(model, force_py=True)
    heat.set_report(None)
    qtmodeltester.check(heat, force_py=True)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The window on a three-team workspace, its service figures worked out."""
    workspace = open_workspace(tmp_path / "service.sqlite")
    workspace.import_team(generate(teams=3, seed=2, week=WEEK))
    main = create_window(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.service_state.report is not None, timeout=20000)
    yield main
    main.close()
    workspace.close()


def test_service_view_one_row_per_team_coloured_by_band(window: MainWindow) -> None:
    view = window.service_view
    report = service_report(window.session.data, None)
    assert view.model.rowCount() == len(report.teams) == 3
    for row, figures in enumerate(report.teams):
        index = view.model.index(row, 1)
        assert figures.load_ratio is not None
        assert index.data() == f"{figures.load_ratio * 100:.0f}%"
        colour = index.data(Qt.ItemDataRole.BackgroundRole)
        assert colour.name().upper() == f"#{BAND_COLOURS[band(figures.load_ratio)].fill}"
        assert view.model.index(row, 2).data() == str(figures.over_capacity)
    first = report.workers[0]
    cell = view.heat_model.index(0, 0)
    assert first.load_ratio is not None
    assert cell.data(Qt.ItemDataRole.BackgroundRole).name().upper() == (
        f"#{BAND_COLOURS[band(first.load_ratio)].fill}"
    )
    assert first.name in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "3 team(s)" in view.caption.text()


def test_clicking_a_team_opens_its_workload(qtbot: QtBot, window: MainWindow) -> None:
    view = window.service_view
    window.tabs.setCurrentWidget(view)
    second = view.model.team_at(view.proxy.mapToSource(view.proxy.index(1, 0)).row()).team
    rect = view.table.visualRect(view.proxy.index(1, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.workload_view
    assert window.workload_view.team.currentText() == second
    window.tabs.setCurrentWidget(view)
    view._heat_clicked(view.heat_model.index(2, 0))
    assert window.workload_view.team.currentText() == view.heat_model.teams[2]


def test_planning_what_if_moves_the_after_columns_and_the_chart(window: MainWindow) -> None:
    view = window.planning_view
    assert view.plan is not None
    team = view.plan.teams[0].team
    before = view.plan.teams[0].after.capacity
    view.add_team.setCurrentText(team)
    view.add_role.setCurrentText("SW")
    view.add_fte.setValue(0.5)
    view.add_starter()
    assert view.plan.teams[0].after.capacity == pytest.approx(before + 7.5)
    assert view.plan.teams[0].before.capacity == pytest.approx(before)
    assert "add a SW at 0.5 FTE" in view.changes.item(0).text()
    lines = [s for s in view.chart_view.chart().series() if isinstance(s, QLineSeries)]
    assert [s.name() for s in lines] == [*window.session.data.teams(), "Service", "Capacity (100%)"]
    assert len(lines[0].points()) == view.weeks.value() + 1
    view.weeks.setValue(4)
    lines = [s for s in view.chart_view.chart().series() if isinstance(s, QLineSeries)]
    assert len(lines[0].points()) == 5
    view.remove_worker.setCurrentIndex(0)
    view.remove_selected_worker()
    assert len(view.plan.changes) == 2
    view.own_rates.setChecked(True)
    view.intake.setValue(3.0)
    view.closures.setValue(1.0)
    assert all(t.before.growth == pytest.approx(2.0) for t in view.plan.teams)
    view.clear_changes()
    assert view.plan.changes == ()
    assert view.plan.teams[0].after.capacity == pytest.approx(before)


def _full_north_workspace(path: Path) -> Workspace:
    """North's only worker is at the ceiling; East has room: North's new family fits nowhere
    at home."""
    from fsp_allocator.domain import (
        Child,
        ChildId,
        FamilyId,
        Role,
        Stage,
        TeamData,
        TeamName,
        Worker,
        WorkerId,
    )
    from fsp_allocator.settings import default_settings

    workers = tuple(
        Worker(WorkerId(w), f"Name {w}", Role.SW, 1.0, TeamName(t))
        for w, t in (("N1", "North"), ("E1", "East"))
    )
    children = (
        Child(
            ChildId("o1"),
            FamilyId("F1"),
            Stage.CIN,
            worker_id=WorkerId("N1"),
            complexity=18.0,
            team=TeamName("North"),
        ),
        Child(ChildId("n1"), FamilyId("F2"), Stage.CIN, complexity=2.0, team=TeamName("North")),
    )
    workspace = open_workspace(path)
    workspace.import_team(TeamData(workers, children, default_settings(WEEK)))
    return workspace


def test_overflow_switch_saves_the_setting_and_the_review_marks_the_family(
    qtbot: QtBot, tmp_path: Path
) -> None:
    workspace = _full_north_workspace(tmp_path / "full.sqlite")
    main = create_window(workspace)
    qtbot.addWidget(main)
    try:
        view = main.allocate_view
        assert view.overflow.isEnabled() and not view.overflow.isChecked()
        with qtbot.waitSignal(main.runner.finished, timeout=60000):
            assert view.allocate()
        review = main.session.review
        assert review is not None and review.final[FamilyId("F2")] is None  # stays at home
        view.overflow.setChecked(True)
        assert main.session.data.settings.overflow  # saved in the workspace
        assert workspace.load().settings.overflow
        with qtbot.waitSignal(main.runner.finished, timeout=60000):
            assert view.allocate()
        review = main.session.review
        assert review is not None
        (row,) = review.rows
        assert row.overflow and row.team == "East" and row.home_team == "North"
        assert review.final[row.family_id] == "E1"
        assert view.model.index(0, 2).data() == "East (overflow from North)"
        assert "North had no one with room; East" in row.reasons[0]
        assert {w.worker_id for w in review.candidates(row.family_id)} == {"N1", "E1"}
        (exported,) = review.final_proposal().allocations
        assert exported.overflow and exported.team == "East" and exported.home_team == "North"
        main.session.undo_stack.undo()  # the switch is one undoable settings change
        assert not main.session.data.settings.overflow and not view.overflow.isChecked()
    finally:
        main.close()
        workspace.close()
