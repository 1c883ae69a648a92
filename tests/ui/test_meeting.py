"""The whole allocation meeting, driven through the window on a temporary SQLite workspace.

open demo -> edit a worker -> add a new family -> allocate (waiting on the runner's signal)
-> override one family with a reason -> accept -> export; then the workspace and the exported
workbook are read back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.domain import FamilyId, Stage, TeamData, WorkerId
from fsp_allocator.workspace import open_default_workspace, open_workspace
from ui.app import create_window
from ui.dialogs import file_dialogs
from ui.dialogs.child_form import ChildFormDialog
from ui.dialogs.override_reason import OverrideReasonDialog
from ui.main_window import DEMO_BANNER, MainWindow
from ui.models.proposal_model import FINAL_COLUMN
from ui.models.roster_model import COLUMNS as ROSTER_COLUMNS
from ui.qt import QLabel, Qt

SOLVE_TIMEOUT_MS = 120_000
REASON = "She assessed the older sibling last year"


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.runner.cancel()
    main.runner.wait(30_000)
    main.session.workspace.close()


def reopened(location: str) -> TeamData:
    """The workspace as a second connection sees it (what is really saved)."""
    other = open_workspace(location)
    try:
        return other.load()
    finally:
        other.close()


def roster_column(header: str) -> int:
    return next(i for i, c in enumerate(ROSTER_COLUMNS) if c.header == header)


def allocate(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        window.actions_by_name["allocate"].trigger()


def edit_worker_fte(window: MainWindow, data: TeamData) -> WorkerId:
    view = window.team_view
    worker = next(w for w in data.workers if w.role.leads and w.fte == 1.0)
    source_row = view.model.row_of(worker.worker_id)
    index = view.proxy.mapFromSource(view.model.index(source_row, roster_column("FTE")))
    assert view.proxy.setData(index, "0.8", Qt.ItemDataRole.EditRole)
    return worker.worker_id


def add_family_through_the_form(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, lead: WorkerId
) -> None:
    def fill_form(cls: Any, parent: Any, data: TeamData, child: Any = None) -> Any:
        dialog = ChildFormDialog(data, child, parent)
        dialog.edits["child_id"].setText("UI-NEW-1")
        dialog.edits["family_id"].setText("UI-FAM-1")
        dialog.edits["factors"].setText("3b; 17a")
        dialog.edits["referral_date"].setText("16/11/2026")
        dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.CP.value))
        dialog.previous.setCurrentIndex(dialog.previous.findData(lead))
        dialog.accept()
        return dialog.child()

    monkeypatch.setattr(ChildFormDialog, "ask", classmethod(fill_form))
    window.actions_by_name["add_child"].trigger()


def choose_other_worker(window: MainWindow) -> tuple[FamilyId, WorkerId, WorkerId]:
    """Override the first allocated family with another eligible worker, via the model."""
    review = window.session.review
    assert review is not None
    view = window.allocate_view
    for row in review.rows:
        proposed = row.proposed_worker_id
        others = [w.worker_id for w in review.candidates(row.family_id) if w.worker_id != proposed]
        if proposed is None or not others:
            continue
        source_row = view.model.row_of(row.family_id)
        index = view.proxy.mapFromSource(view.model.index(source_row, FINAL_COLUMN))
        assert view.proxy.setData(index, others[0], Qt.ItemDataRole.EditRole)
        return row.family_id, proposed, others[0]
    raise AssertionError("the demo proposal has no family that could be moved")


def test_the_whole_meeting(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    session = window.session
    workspace = session.workspace
    assert workspace.is_demo
    assert "DEMO" in window.windowTitle()
    banner = window.findChild(QLabel, "DemoBanner")
    assert banner is not None and banner.text() == DEMO_BANNER

    # 1. edit a worker in place; undo and redo go through the workspace
    edited = edit_worker_fte(window, session.data)
    assert reopened(workspace.location).worker(edited).fte == 0.8  # type: ignore[union-attr]
    session.undo_stack.undo()
    assert workspace.load().worker(edited).fte == 1.0  # type: ignore[union-attr]
    session.undo_stack.redo()
    assert workspace.load().worker(edited).fte == 0.8  # type: ignore[union-attr]
    assert any(e.entity == "worker" and e.entity_id == edited for e in workspace.audit())

    # 2. add a new family through the case form
    lead = next(w.worker_id for w in session.data.workers if w.role.leads and w.worker_id != edited)
    add_family_through_the_form(monkeypatch, window, lead)
    added = next(c for c in workspace.load().children if c.child_id == "UI-NEW-1")
    assert added.is_new and added.family_id == "UI-FAM-1" and added.factors == ("3B", "17A")
    assert window.this_week_view.model.row_of("UI-NEW-1") >= 0

    # 3. allocate off the UI thread
    allocate(qtbot, window)
    review = session.review
    assert review is not None
    assert "UI-FAM-1" in {row.family_id for row in review.rows}
    assert workspace.pending_proposal() is not None
    new_ids = {c.child_id for c in session.data.new_children()}
    assert set(review.final_by_child()) == new_ids

    # 4. override one family; accept asks for the reason
    family, proposed, chosen = choose_other_worker(window)
    assert review.overridden() == [family]
    asked: list[Any] = []

    def give_reason(cls: Any, parent: Any, overrides: Any) -> dict[FamilyId, str]:
        asked.append(list(overrides))
        return {family: REASON}

    monkeypatch.setattr(OverrideReasonDialog, "ask", classmethod(give_reason))
    final = review.final_by_child()
    window.actions_by_name["accept"].trigger()
    assert window.last_error == ""
    assert [o[0] for o in asked[0]] == [family]
    assert session.review is None

    # the workspace now holds the accepted allocation and the decision with the reason
    after = {c.child_id: c for c in reopened(workspace.location).children}
    for child_id, worker in final.items():
        assert after[child_id].worker_id == worker
    decisions = [d for d in workspace.decisions() if d.family_id == family]
    assert decisions and all(d.worker_id == chosen for d in decisions)
    assert all(d.proposed_worker_id == proposed for d in decisions)
    assert all(d.manager_reason == REASON for d in decisions)
    assert window.history_view.decisions.rowCount() >= len(final)
    assert workspace.workload_history()
    assert window.workload_view.trend_view.chart().series()  # the accepted week is a point

    # 5. export through the (replaced) save dialog
    out = tmp_path / "allocation.xlsx"
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *args, **kwargs: out)
    window.actions_by_name["export"].trigger()
    assert out.exists()
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"Summary", "Allocations", "Workload", "Unallocated"} <= set(book.sheetnames)
    rows = [
        [str(v) if v is not None else "" for v in r]
        for r in book["Allocations"].iter_rows(values_only=True)
    ]
    header = rows[0]
    child_col = next(i for i, h in enumerate(header) if h.lower().replace(" ", "_") == "child_id")
    worker_col = next(i for i, h in enumerate(header) if h.lower().replace(" ", "_") == "worker_id")
    exported = {r[child_col]: r[worker_col] for r in rows[1:] if r[child_col]}
    for child_id, worker in final.items():
        if worker is not None:
            assert exported[child_id] == worker
    assert any(REASON in cell for r in rows for cell in r)


def test_cancel_during_allocate_returns_and_the_window_stays_usable(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignals([window.runner.started], timeout=10_000):
        window.actions_by_name["allocate"].trigger()
    assert window.runner.running
    assert not window.allocate_view.buttons["allocate"].isEnabled()
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        window.actions_by_name["cancel"].trigger()
    assert not window.runner.running
    assert window.allocate_view.buttons["allocate"].isEnabled()
    review = window.session.review
    assert review is not None  # the best plan so far is shown for review
    assert review.proposal.cancelled
    assert "cancelled" in window.allocate_view.summary.text()


def test_window_layout_is_remembered(qtbot: QtBot, workspace_file: Path) -> None:
    first = create_window(open_default_workspace())
    qtbot.addWidget(first)
    first.resize(720, 520)  # within the offscreen screen (800 x 600)
    first.tabs.setCurrentIndex(4)
    first.close()
    first.session.workspace.close()
    second = create_window(open_default_workspace())
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 4
    assert (second.width(), second.height()) == (720, 520)
    second.session.workspace.close()


def select_family(window: MainWindow, family_id: FamilyId) -> None:
    view = window.allocate_view
    index = view.proxy.mapFromSource(view.model.index(view.model.row_of(family_id), 0))
    view.table.setCurrentIndex(index)


def test_pin_then_reoptimise_and_ask_why_not(qtbot: QtBot, window: MainWindow) -> None:
    from fsp_allocator.allocation.why_not import why_not

    allocate(qtbot, window)
    family, proposed, chosen = choose_other_worker(window)
    select_family(window, family)
    assert window.allocate_view.pin_selected()
    pinned = [c for c in window.session.workspace.load().children if c.family_id == family]
    assert pinned and all(c.pin_worker_id == chosen for c in pinned)
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        window.allocate_view.buttons["reoptimise"].click()
    review = window.session.review
    assert review is not None
    assert review.row(family).proposed_worker_id == chosen  # the pin is now the proposal
    assert review.overridden() == []
    # "why not <the worker first proposed>?" is answered by the engine, off the UI thread
    select_family(window, family)
    panel = window.allocate_view.panel
    panel.workers.setCurrentIndex(panel.alternatives.index(panel.alternatives.row_of(proposed), 0))
    assert panel.selected_worker() == proposed
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        window.allocate_view.buttons["why_not"].click()
    expected = why_not(review.data, review.proposal, family, proposed)
    assert window.allocate_view.why_answer.text().startswith(expected.summary)


def test_a_change_in_the_review_survives_closing_the_app(qtbot: QtBot, window: MainWindow) -> None:
    allocate(qtbot, window)
    family, proposed, chosen = choose_other_worker(window)
    location = window.session.workspace.location
    window.close()
    window.session.workspace.close()  # as if the app closed (or crashed) before Accept

    again = create_window(open_workspace(location))
    qtbot.addWidget(again)
    try:
        review = again.session.review
        assert review is not None
        assert review.final[family] == chosen and review.row(family).proposed_worker_id == proposed
        assert review.overridden() == [family]
        shown = again.allocate_view.model.index(again.allocate_view.model.row_of(family), 0)
        assert shown.isValid()
    finally:
        again.session.workspace.close()
