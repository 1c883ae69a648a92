"""An accepted week is a record: exportable any time (after a restart too), from History,
titled as accepted with who and when (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.cli.main import main
from fsp_allocator.workspace import open_default_workspace
from fsp_allocator.workspace.opening import DEMO_USER
from ui.app import create_window
from ui.dialogs import file_dialogs
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main_window = create_window(open_default_workspace())  # the demo: past weeks accepted
    qtbot.addWidget(main_window)
    yield main_window
    main_window.session.workspace.close()


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *_a: path)


def _summary(path: Path) -> dict[Any, Any]:
    sheet = openpyxl.load_workbook(path)["Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    return {"title": rows[0][0], **{r[0]: r[1] for r in rows[2:] if r[0]}}


def test_history_exports_any_accepted_week_titled_as_accepted(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    history = window.history_view
    weeks = window.session.workspace.accepted_weeks()
    assert history.week.count() == len(weeks) >= 2
    history.week.setCurrentIndex(history.week.count() - 1)  # the oldest week on record
    out = tmp_path / "oldest.xlsx"
    _save_to(monkeypatch, out)

    assert history.export_week()

    summary = _summary(out)
    assert summary["title"] == "FSP Allocator: accepted allocation"
    assert summary["Accepted by"] == DEMO_USER
    assert "UTC" in summary["Accepted on"]
    assert summary["Week"].date() == weeks[-1]
    decided = [d for d in window.session.workspace.decisions() if d.week == weeks[-1]]
    allocations = openpyxl.load_workbook(out)["Allocations"]
    assert allocations.max_row - 1 == sum(1 for d in decided if d.worker_id)


def test_after_a_restart_export_still_offers_the_last_accepted_week(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert window.session.review is None  # nothing pending: as after a restart
    assert window.allocate_view.buttons["export"].isEnabled()
    out = tmp_path / "latest.xlsx"
    _save_to(monkeypatch, out)
    assert window.allocate_view.export()
    summary = _summary(out)
    assert summary["title"] == "FSP Allocator: accepted allocation"
    assert summary["Week"].date() == window.session.workspace.accepted_weeks()[0]


def test_the_command_line_writes_an_accepted_weeks_sheet(
    workspace_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = open_default_workspace()
    oldest = workspace.accepted_weeks()[-1]
    workspace.close()
    out = tmp_path / "week.xlsx"
    status = main(
        [
            "workspace",
            "--db",
            str(workspace_file),
            "sheet",
            "--week",
            oldest.isoformat(),
            "--out",
            str(out),
        ]
    )
    assert status == 0
    assert f"accepted by {DEMO_USER}" in capsys.readouterr().out
    assert _summary(out)["title"] == "FSP Allocator: accepted allocation"
