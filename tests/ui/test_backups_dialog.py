"""The Backups dialog: backups newest first with time and size, Restore after a
confirmation (mouse or keyboard), Open folder; the restore is undoable and on record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.workspace import open_default_workspace
from fsp_allocator.workspace.backup import backups_dir, list_backups
from fsp_allocator.workspace.restore import describe_backups
from ui.app import create_window
from ui.dialogs import backups
from ui.dialogs.backups import BackupsDialog
from ui.main_window import MainWindow
from ui.qt import Qt


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.workspace.close()


def _two_backups(window: MainWindow) -> tuple[Path, Path]:
    workspace = window.session.workspace
    older = workspace.backup()
    newer = workspace.backup()
    return older, newer


def test_backups_are_listed_newest_first_with_date_time_and_size(
    qtbot: QtBot, window: MainWindow
) -> None:
    older, newer = _two_backups(window)
    path = window.session.workspace.path
    assert path is not None
    dialog = BackupsDialog(describe_backups(list_backups(path)), backups_dir(path))
    qtbot.addWidget(dialog)

    def cell(row: int, column: int) -> str:
        item = dialog.table.item(row, column)
        return "" if item is None else item.text()

    assert dialog.table.rowCount() == 2
    assert cell(0, 2) == newer.name and cell(1, 2) == older.name
    assert cell(0, 1).endswith("KB")
    assert "/" in cell(0, 0) and ":" in cell(0, 0)
    assert dialog.selected() is not None and dialog.selected().path == newer  # type: ignore[union-attr]


def test_enter_restores_only_after_the_confirmation(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, newer = _two_backups(window)
    path = window.session.workspace.path
    assert path is not None
    answers = [False, True]
    monkeypatch.setattr(backups, "confirm_restore", lambda parent, backup: answers.pop(0))
    dialog = BackupsDialog(describe_backups(list_backups(path)), backups_dir(path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.setFocus()

    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.chosen is None and dialog.isVisible()  # said no: nothing chosen
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.chosen is not None and dialog.chosen.path == newer
    assert not dialog.isVisible()


def test_open_folder_shows_the_backups_folder(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_backups(window)
    path = window.session.workspace.path
    assert path is not None
    opened: list[Path] = []

    def open_folder(folder: Path) -> bool:
        opened.append(folder)
        return True

    monkeypatch.setattr(backups, "open_folder", open_folder)
    dialog = BackupsDialog(describe_backups(list_backups(path)), backups_dir(path))
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert opened == [backups_dir(path)]


def test_restoring_from_the_window_brings_the_state_back_and_can_be_undone(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    backup = session.workspace.backup()
    child = session.data.new_children()[0]
    assert session.remove_child(child.child_id)
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda cls, p, b, f: backup))

    assert window.actions_by_name["backups"].isEnabled()
    window.actions_by_name["backups"].trigger()

    assert window.last_error == ""
    assert child.child_id in {c.child_id for c in session.data.children}
    assert window.this_week_view.model.row_of(child.child_id) >= 0  # the views follow
    assert not session.undo_stack.canUndo()
    last = session.workspace.audit()[-1]
    assert (last.action, last.entity_id) == ("restore", backup.name)
    before = backup.parent / str(last.new)
    assert before.exists()  # the state before the restore, to undo it


def test_a_file_that_is_not_a_backup_is_refused_with_a_sentence(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello")
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda cls, p, b, f: junk))

    window.actions_by_name["backups"].trigger()

    assert "Not restored. junk.sqlite is not an FSP Allocator workspace backup" in (
        window.last_error
    )


def test_a_double_click_restores_after_the_confirmation(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    older, _ = _two_backups(window)
    path = window.session.workspace.path
    assert path is not None
    monkeypatch.setattr(backups, "confirm_restore", lambda parent, backup: True)
    dialog = BackupsDialog(describe_backups(list_backups(path)), backups_dir(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    centre = dialog.table.visualRect(dialog.table.model().index(1, 0)).center()

    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    assert dialog.chosen is not None and dialog.chosen.path == older
