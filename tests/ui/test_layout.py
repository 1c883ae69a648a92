"""The window remembers its layout, and its message bar shows only a current problem."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.main_window import MainWindow


def open_window(qtbot: QtBot) -> MainWindow:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_splitter_positions_are_restored_on_reopen(qtbot: QtBot, workspace_file: Path) -> None:
    first = open_window(qtbot)
    first.tabs.setCurrentWidget(first.this_week_view)  # laid out with its problems pane hidden
    qtbot.wait(50)
    first.tabs.setCurrentWidget(first.allocate_view)
    qtbot.wait(50)
    splitter = first.splitters()["main_window/splitter/Allocate/0"]
    total = sum(splitter.sizes())
    splitter.setSizes([total // 4, total - total // 4])
    moved = splitter.sizes()
    this_week = first.splitters()["main_window/splitter/This week/0"]
    first.close()
    first.session.workspace.close()

    second = open_window(qtbot)
    assert second.tabs.currentWidget() is second.allocate_view
    qtbot.wait(50)
    restored = second.splitters()["main_window/splitter/Allocate/0"].sizes()
    assert abs(restored[0] - moved[0]) <= 2, (restored, moved)
    # the import problems pane, hidden while there are none, is not restored collapsed
    assert this_week is not second.splitters()["main_window/splitter/This week/0"]
    view = second.this_week_view
    second.tabs.setCurrentWidget(view)
    view.problems_box.setVisible(True)
    qtbot.wait(50)
    assert view.problems_box.height() > 0
    second.close()
    second.session.workspace.close()


def test_a_refusal_is_cleared_once_a_later_change_is_saved(
    qtbot: QtBot, workspace_file: Path
) -> None:
    from ui.models.settings_model import VALUE_COLUMN

    window = open_window(qtbot)
    view = window.settings_view
    row = view.model.row_of("target_caseload")
    index = view.proxy.mapFromSource(view.model.index(row, VALUE_COLUMN))
    assert not view.proxy.setData(index, "-1")
    assert not window.message_bar.isHidden() and "Target caseload" in window.last_error
    assert view.proxy.setData(index, "14")  # the manager corrects it
    assert window.message_bar.isHidden() and window.last_error == ""
    window.close()
    window.session.workspace.close()
