"""The smaller findings of issue 16: no stale "Why not?" answer, a progress line that means
something, the Reasons column in view at 1280 px, and an import that refits This week and
drops the demo banner."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.allocation.progress import Progress
from fsp_allocator.demo import generate
from fsp_allocator.domain import ChildId, FamilyId
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.main_window import MainWindow
from ui.qt import QLabel
from ui.views.review_text import progress_text

SOLVE_TIMEOUT_MS = 120_000


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.runner.cancel()
    main.runner.wait(30_000)
    main.session.workspace.close()


def _allocate(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.allocate_view)
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        window.actions_by_name["allocate"].trigger()


def _select_row(window: MainWindow, row: int) -> FamilyId:
    view = window.allocate_view
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    family = view.selected_family()
    assert family is not None
    return family


def test_a_why_not_answer_goes_when_another_family_is_selected(
    qtbot: QtBot, window: MainWindow
) -> None:
    _allocate(qtbot, window)
    view = window.allocate_view
    _select_row(window, 0)
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        assert view.ask_why_not()
    assert view.why_answer.text()

    _select_row(window, 1)

    assert view.why_answer.text() == ""


def test_an_answer_arriving_after_the_manager_moved_on_is_not_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    _allocate(qtbot, window)
    view = window.allocate_view
    _select_row(window, 0)
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        assert view.ask_why_not()
        _select_row(window, 1)  # before the engine answers
    assert view.why_answer.text() == ""


def test_the_progress_line_says_searching_before_any_plan() -> None:
    def report(solutions: int, best: float, bound: float) -> Progress:
        return Progress("FSP Banbury", "Balance loads", 2, 10, solutions, best, bound, 0.1)

    assert progress_text(report(0, 0, 0)).endswith("(aim 3 of 10): searching…")
    assert "best 0, bound 0, gap 0" not in progress_text(report(1, 0, 0))
    assert progress_text(report(1, 0, 0)).endswith("best possible found")
    assert progress_text(report(4, 12, 10)).endswith("best 12, within 2 of the best possible")


def test_the_reasons_column_is_in_view_at_1280_px(qtbot: QtBot, window: MainWindow) -> None:
    _allocate(qtbot, window)
    table = window.allocate_view.table
    header = table.horizontalHeader()
    reasons = header.count() - 1
    assert table.model().headerData(reasons, header.orientation()) == "Reasons"

    assert header.sectionPosition(reasons) + 200 <= table.viewport().width()


def test_an_import_refits_this_week_and_drops_the_demo_banner(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs.import_preview_dialog import ImportPreviewDialog

    monkeypatch.setattr(ImportPreviewDialog, "confirm", lambda *args: True)  # Apply
    banner = window.findChild(QLabel, "DemoBanner")
    assert banner is not None and banner.isVisibleTo(window)
    incoming = generate(teams=1, seed=9, week=date(2026, 11, 23))
    longer = tuple(
        replace(c, child_id=ChildId(f"{c.child_id}-WITH-A-MUCH-LONGER-IDENTIFIER"))
        if c.is_new
        else c
        for c in incoming.children
    )
    team = tmp_path / "team.xlsx"
    write_team(replace(incoming, children=longer), team)
    view = window.this_week_view
    id_column = 0
    before = view.table.horizontalHeader().sectionSize(id_column)

    assert view.import_path(team)

    assert view.table.horizontalHeader().sectionSize(id_column) > before
    assert not window.session.workspace.is_demo
    assert not banner.isVisibleTo(window) and "DEMO" not in window.windowTitle()


def test_the_audit_in_history_names_workers_and_fields(window: MainWindow) -> None:
    model = window.history_view.audit
    rows = [
        [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    names = {w.worker_id: w.name for w in window.session.data.workers}
    assert not any(row[3] == "settings settings" or row[4].startswith("weight_") for row in rows)
    assert any(row[4].startswith('"Factor ') for row in rows)
    accepted = [row for row in rows if row[2] == "accepted"]
    assert accepted and all(
        any(f"{name} ({wid})" == row[6] for wid, name in names.items()) or row[6] == ""
        for row in accepted
    )


def test_the_window_stays_1280_px_wide_through_an_allocation(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A long progress line or caption once widened the window past a 1280 px screen."""
    _allocate(qtbot, window)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        assert window.width() == 1280, window.tabs.tabText(index)
    assert window.minimumSizeHint().width() <= 1280
