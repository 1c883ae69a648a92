"""Keyboard-only use: Tab moves between controls, table keys act, forms tab in visual order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    yield main
    main.session.workspace.close()


def test_tab_leaves_a_table_for_the_next_control(qtbot: QtBot, window: MainWindow) -> None:
    view = window.this_week_view
    window.tabs.setCurrentWidget(view)
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert not view.table.hasFocus()  # not trapped cell by cell in the table
    for _view, _name in window.views():
        for table in _view.findChildren(type(view.table)):
            assert not table.tabKeyNavigation(), table.accessibleName()


def test_enter_edits_and_delete_removes_the_selected_new_child(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs.child_form import ChildFormDialog

    view = window.this_week_view
    window.tabs.setCurrentWidget(view)
    child = view.model.child_at(0)
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.mapFromSource(view.model.index(0, 0)))
    asked: list[str] = []
    monkeypatch.setattr(
        ChildFormDialog, "ask", classmethod(lambda cls, p, d, c=None: asked.append(c.child_id))
    )
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert asked == [child.child_id]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert child.child_id not in {c.child_id for c in window.session.workspace.load().children}
    window.undo_action.trigger()
    assert child.child_id in {c.child_id for c in window.session.workspace.load().children}


def test_toolbar_actions_follow_what_can_be_done(qtbot: QtBot, window: MainWindow) -> None:
    actions = window.actions_by_name
    assert window.session.review is None
    assert actions["allocate"].isEnabled()
    assert not actions["cancel"].isEnabled()  # nothing running: Esc is not taken from others
    assert not actions["accept"].isEnabled()  # nothing to accept: Ctrl+Enter not silently lost
    # the demo's last accepted week is on record, so it can be exported before any review
    assert window.session.workspace.accepted_weeks()
    assert actions["export"].isEnabled()
    with qtbot.waitSignal(window.runner.started, timeout=10_000):
        actions["allocate"].trigger()
    assert actions["cancel"].isEnabled() and not actions["allocate"].isEnabled()
    assert not actions["export"].isEnabled()  # not while the engine runs
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        actions["cancel"].trigger()
    assert window.session.review is not None
    assert actions["accept"].isEnabled() and actions["export"].isEnabled()
    assert not actions["cancel"].isEnabled()


def test_tab_goes_from_each_search_box_into_its_table(qtbot: QtBot, window: MainWindow) -> None:
    from ui.views.table_widgets import SearchBar

    checked = 0
    for view, _name in window.views():
        window.tabs.setCurrentWidget(view)
        for bar in view.findChildren(SearchBar):
            bar.edit.setFocus()
            qtbot.waitUntil(bar.edit.hasFocus)
            qtbot.keyClick(bar.edit, Qt.Key.Key_Tab)
            focused = QApplication.focusWidget()
            assert focused is not None and focused.model() is bar.proxy, _name  # type: ignore[attr-defined]
            checked += 1
    assert checked >= 6
