"""An import in the app that would undo accepted allocations names them in the preview;
Cancel changes nothing, Apply imports after a backup (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.domain import ChildId
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import open_default_workspace
from fsp_allocator.workspace.backup import list_backups
from ui.app import create_window
from ui.dialogs.import_preview_dialog import ImportPreviewDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.workspace.close()


def _out_of_date_workbook(window: MainWindow, tmp_path: Path) -> tuple[Path, ChildId]:
    """The workspace as a workbook, but with one accepted child back to no worker."""
    workspace = window.session.workspace
    data = workspace.load()
    accepted = {d.child_id for d in workspace.decisions() if d.worker_id}
    child = next(c for c in data.open_children() if c.child_id in accepted)
    children = tuple(replace(c, worker_id=None) if c == child else c for c in data.children)
    path = tmp_path / "old.xlsx"
    write_team(replace(data, children=children), path)
    return path, child.child_id


def test_no_leaves_the_workspace_as_it_was(
    window: MainWindow, tmp_path: Path, import_preview_answers: list[str]
) -> None:
    path, child_id = _out_of_date_workbook(window, tmp_path)
    before = window.session.workspace.load()

    assert not window.this_week_view.import_path(path)

    assert len(import_preview_answers) == 1
    assert "would undo" in import_preview_answers[0] and child_id in import_preview_answers[0]
    assert window.session.workspace.load() == before
    assert window.last_error == ""


def test_yes_imports_after_a_backup(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, child_id = _out_of_date_workbook(window, tmp_path)
    monkeypatch.setattr(ImportPreviewDialog, "confirm", lambda *args: True)  # Apply
    workspace_path = window.session.workspace.path
    assert workspace_path is not None
    backups = len(list_backups(workspace_path))

    assert window.this_week_view.import_path(path)

    now = {c.child_id: c for c in window.session.workspace.load().children}
    assert now[child_id].worker_id is None
    assert len(list_backups(workspace_path)) == backups + 1
