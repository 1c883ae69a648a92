"""The window's other paths: import with problems per cell, settings, shortcuts, undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.demo import generate
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import open_default_workspace
from fsp_allocator.workspace.demo_weeks import PAST_WEEKS
from ui.app import create_window
from ui.dialogs import file_dialogs
from ui.dialogs.import_preview_dialog import ImportPreviewDialog
from ui.main_window import MainWindow
from ui.models.settings_model import VALUE_COLUMN
from ui.qt import Qt


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.workspace.close()


def test_import_with_errors_lists_each_cell_and_imports_nothing(
    window: MainWindow, tmp_path: Path
) -> None:
    before = window.session.workspace.load()
    team = tmp_path / "team.xlsx"
    write_team(generate(teams=1, seed=9, week=date(2026, 11, 23)), team)
    import openpyxl

    book = openpyxl.load_workbook(team)
    sheet = book["Workers"]
    fte_col = next(c.column for c in sheet[1] if c.value == "fte")
    sheet.cell(row=3, column=fte_col, value=1.7)
    book.save(team)
    view = window.this_week_view
    assert not view.import_path(team)
    problems = view.problems
    assert problems.rowCount() >= 1
    located = [p for p in problems.rows if p.sheet == "Workers" and p.row == 3]
    assert located and located[0].column == "fte"
    assert not view.problems_box.isHidden()
    assert window.session.workspace.load().children == before.children


def test_import_of_a_valid_workbook_replaces_the_team(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incoming = generate(teams=1, seed=9, week=date(2026, 11, 23))
    team = tmp_path / "team.xlsx"
    write_team(incoming, team)
    monkeypatch.setattr(file_dialogs, "ask_open_path", lambda *args, **kwargs: team)
    monkeypatch.setattr(ImportPreviewDialog, "confirm", lambda *args: True)  # Apply
    window.actions_by_name["import"].trigger()
    assert window.last_error == ""
    held = {c.child_id for c in window.session.workspace.load().new_children()}
    assert held == {c.child_id for c in incoming.new_children()}
    assert window.this_week_view.model.rowCount() == len(incoming.new_children())
    assert window.tabs.currentWidget() is window.this_week_view


def test_settings_edit_restore_and_undo(window: MainWindow) -> None:
    view = window.settings_view
    row = view.model.row_of("court_cap")
    index = view.proxy.mapFromSource(view.model.index(row, VALUE_COLUMN))
    assert view.proxy.setData(index, "2", Qt.ItemDataRole.EditRole)
    assert window.session.workspace.load().settings.court_cap == 2
    assert view.restore_defaults()
    assert window.session.workspace.load().settings.court_cap == 3
    window.session.undo_stack.undo()
    assert window.session.workspace.load().settings.court_cap == 2
    assert not view.proxy.setData(index, "two", Qt.ItemDataRole.EditRole)
    assert "Court cap" in window.last_error


def test_refused_edit_shows_a_sentence_and_saves_nothing(window: MainWindow) -> None:
    view = window.team_view
    worker = window.session.data.workers[0]
    column = next(i for i, c in enumerate(view.model.columns) if c.header == "FTE")
    index = view.proxy.mapFromSource(view.model.index(0, column))
    assert not view.proxy.setData(index, "0", Qt.ItemDataRole.EditRole)
    assert not window.message_bar.isHidden()
    assert worker.worker_id in window.last_error and "above 0" in window.last_error
    assert window.session.workspace.load().worker(worker.worker_id) == worker
    assert window.session.undo_stack.count() == 0


def test_shortcuts_switch_views_and_focus_search(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    for number in (2, 6, 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == number - 1
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.team_view.search.edit.hasFocus()
    shortcuts = {name: a.shortcut().toString() for name, a in window.actions_by_name.items()}
    assert shortcuts["allocate"] == "Ctrl+R" and shortcuts["export"] == "Ctrl+E"
    assert shortcuts["import"] == "Ctrl+I" and shortcuts["cancel"] == "Esc"


def test_every_view_and_control_has_an_accessible_name(window: MainWindow) -> None:
    from ui.qt import QComboBox, QLineEdit, QTableView

    for view, name in window.views():
        assert view.accessibleName() == name
        for kind in (QTableView, QComboBox, QLineEdit):
            for control in view.findChildren(kind):
                if control.isVisibleTo(window) and control.parent() is not None:
                    assert control.accessibleName(), f"{kind.__name__} in {name} has no name"


def test_workload_bars_show_each_load_in_its_excel_band(window: MainWindow) -> None:
    from fsp_allocator.result.load_bands import band
    from fsp_allocator.weighting import worker_loads
    from ui.qt import QStackedBarSeries

    view = window.workload_view
    data = window.session.data
    leads = [w for w in data.workers if w.role.leads and w.team == view.team.currentText()]
    loads = worker_loads(data)
    series = next(s for s in view.load_view.chart().series() if isinstance(s, QStackedBarSeries))
    sets = {s.label(): s for s in series.barSets()}
    assert len(leads) > 3
    for i, worker in enumerate(leads):
        percent = loads[worker.worker_id].ratio * 100
        expected = band(loads[worker.worker_id].ratio).value.capitalize()
        assert sets[expected].at(i) == pytest.approx(percent)
        assert sum(s.at(i) for s in sets.values()) == pytest.approx(percent)
    # the demo workspace was reached through past weekly cycles: one line per lead worker and
    # adult practitioner, a point per past week, each the snapshot's load as % of capacity
    from ui.qt import QLineSeries
    from ui.views.workload_view import chart_label

    team = view.team.currentText()
    charted = [
        w for w in data.workers if (w.role.leads or w.role.is_adult_practitioner) and w.team == team
    ]
    snapshots = window.session.workspace.workload_history(team=team)
    lines = {s.name(): s for s in view.trend_view.chart().series() if isinstance(s, QLineSeries)}
    assert set(lines) == {chart_label(w) for w in charted}
    for worker in charted:
        own = [x for x in snapshots if x.worker_id == worker.worker_id]
        assert [p.y() for p in lines[chart_label(worker)].points()] == pytest.approx(
            [x.load / x.capacity * 100 for x in sorted(own, key=lambda x: x.week)]
        )
        assert len(own) == PAST_WEEKS
    view._draw_trend(data, "")  # a team with no accepted week yet
    assert "none yet" in view.trend_view.chart().title()


def close_windows_when_shown(seen: list[str]) -> None:
    """Close the main windows (their titles into `seen`) once shown under app.exec(), then
    quit: the first run's notice processes events while the demo is made, so a first try
    can come before the window exists; it tries again until it is shown and exec() runs."""
    from ui.qt import QApplication, QThread, QTimer

    def close_windows() -> None:
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if not shown or QThread.currentThread().loopLevel() == 0:
            QTimer.singleShot(100, close_windows)
            return
        for widget in shown:
            seen.append(widget.windowTitle())
            widget.close()
        QApplication.quit()

    QTimer.singleShot(300, close_windows)


def test_run_opens_the_demo_and_returns_when_the_window_closes(
    qtbot: QtBot, workspace_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import app as app_module
    from ui.qt import QApplication

    seen: list[str] = []
    notices: list[str] = []
    real_notice = app_module.first_run_notice

    def recorded_notice(app: QApplication) -> Any:
        splash = real_notice(app)
        notices.append(splash.message())
        return splash

    monkeypatch.setattr(app_module, "first_run_notice", recorded_notice)

    close_windows_when_shown(seen)
    assert app_module.run() == 0
    assert seen and "DEMO" in seen[0]
    assert workspace_file.exists()
    assert len(notices) == 1 and "demo workspace" in notices[0]  # the slow first run says so

    close_windows_when_shown(seen)
    assert app_module.run() == 0
    assert len(seen) == 2 and len(notices) == 1  # later runs open at once, with no notice


def test_the_event_loop_still_runs_after_the_window_closes(
    qtbot: QtBot, workspace_file: Path
) -> None:
    """Closing the last window queues a quit beside the one that ends exec(): left queued,
    it ended the next event loop at once (the task runner's tests timed out after run())."""
    from ui import app as app_module
    from ui.qt import QApplication, QTimer

    close_windows_when_shown([])
    assert app_module.run() == 0
    QApplication.processEvents()  # as the next test's set-up does: a queued quit is handled
    fired: list[int] = []
    QTimer.singleShot(10, lambda: fired.append(1))
    qtbot.wait(300)
    assert fired


def test_run_explains_a_workspace_that_cannot_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import app as app_module

    said: list[str] = []
    monkeypatch.setattr(app_module, "show_open_error", said.append)
    blocked = tmp_path / "newer.sqlite"
    blocked.write_bytes(b"this is not a database at all" * 100)
    assert app_module.run(str(blocked)) == 1
    assert said and said[0].startswith("The workspace could not be opened.")
    assert "Traceback" not in said[0]


def test_remove_a_new_child_and_undo_brings_it_back(window: MainWindow) -> None:
    view = window.this_week_view
    child = view.model.child_at(0)
    view.table.setCurrentIndex(view.proxy.mapFromSource(view.model.index(0, 0)))
    assert view.remove_selected()
    held = {c.child_id for c in window.session.workspace.load().children}
    assert child.child_id not in held
    assert view.model.row_of(child.child_id) == -1
    window.undo_action.trigger()
    restored = [c for c in window.session.workspace.load().children if c.child_id == child.child_id]
    assert restored == [child]
    assert view.model.row_of(child.child_id) >= 0
    window.redo_action.trigger()
    assert child.child_id not in {c.child_id for c in window.session.workspace.load().children}


def test_manager_name_is_recorded_on_later_changes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs import manager_name

    monkeypatch.setattr(manager_name, "ask_manager_name", lambda parent, current: "Sam Okafor")
    window.actions_by_name["manager"].trigger()
    assert window.session.workspace.user_name == "Sam Okafor"
    assert "Sam Okafor" in window.statusBar().currentMessage()
    view = window.settings_view
    row = view.model.row_of("target_caseload")
    assert view.proxy.setData(view.proxy.mapFromSource(view.model.index(row, VALUE_COLUMN)), "14")
    assert window.session.workspace.audit()[-1].user == "Sam Okafor"
