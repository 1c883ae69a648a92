"""The family panel's ranked list: the core's order, keyboard and mouse choose, undo restores.

On the demo workspace (one team): the list for the selected family is the core's
`alternatives` on the review's plan; Enter, a double-click or Choose gives the family to the
selected worker through the session's checked path; Ctrl+Z puts the worker it replaced back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fsp_allocator.allocation.alternatives import alternatives
from fsp_allocator.domain import FamilyId, WorkerId
from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.main_window import MainWindow
from ui.models.alternatives_model import AlternativesModel
from ui.qt import QApplication, Qt
from ui.review import ProposalReview

SOLVE_TIMEOUT_MS = 120_000


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    with qtbot.waitSignal(main.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        main.actions_by_name["allocate"].trigger()
    yield main
    main.runner.cancel()
    main.runner.wait(30_000)
    main.session.workspace.close()


def _review(window: MainWindow) -> ProposalReview:
    review = window.session.review
    assert review is not None
    return review


def _select_family(window: MainWindow, family: FamilyId) -> None:
    view = window.allocate_view
    view.table.setCurrentIndex(
        view.proxy.mapFromSource(view.model.index(view.model.row_of(family), 0))
    )


def _family_with_a_choice(window: MainWindow) -> tuple[FamilyId, WorkerId]:
    """A family whose list offers a possible worker other than its current one."""
    review = _review(window)
    for row in review.rows:
        other = next(
            (a for a in review.alternatives(row.family_id) if a.possible and not a.current), None
        )
        if other is not None:
            return row.family_id, other.worker_id
    raise AssertionError("no family of the demo has a second possible worker")


def _select_worker(window: MainWindow, worker: WorkerId) -> None:
    panel = window.allocate_view.panel
    row = panel.alternatives.row_of(worker)
    assert row >= 0
    panel.workers.setCurrentIndex(panel.alternatives.index(row, 0))


def test_the_model_passes_modeltester(qtmodeltester: ModelTester, window: MainWindow) -> None:
    review = _review(window)
    model = AlternativesModel()
    model.set_alternatives(review.alternatives(review.rows[0].family_id))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    model.set_alternatives(())
    qtmodeltester.check(model, force_py=True)


def test_the_list_is_the_cores_ranking_on_the_plan(window: MainWindow) -> None:
    review = _review(window)
    family, _ = _family_with_a_choice(window)
    _select_family(window, family)
    panel = window.allocate_view.panel
    expected = alternatives(review.data, review.proposal, review.final, family)
    shown = [panel.alternatives.alternative(r) for r in range(panel.alternatives.rowCount())]
    assert shown == list(expected)
    model = panel.alternatives
    first = model.index(0, 0)
    assert first.data() == "1"
    load = model.index(0, 2).data()
    assert load.startswith("from ") and " to " in load
    cannot = next(r for r in range(model.rowCount()) if not model.alternative(r).possible)
    assert model.index(cannot, 0).data() == "—"
    assert model.index(cannot, 3).data() == model.alternative(cannot).rule
    assert model.alternative(cannot).reason in model.index(cannot, 3).data(
        Qt.ItemDataRole.ToolTipRole
    )


@pytest.mark.parametrize("how", ["enter", "double-click", "button"])
def test_choosing_a_row_assigns_and_undo_restores(
    qtbot: QtBot, window: MainWindow, how: str
) -> None:
    review = _review(window)
    family, worker = _family_with_a_choice(window)
    before = review.final[family]
    _select_family(window, family)
    _select_worker(window, worker)
    panel = window.allocate_view.panel
    window.tabs.setCurrentWidget(window.allocate_view)
    assert panel.workers.isVisible()
    if how == "enter":
        panel.workers.setFocus()
        qtbot.keyClick(panel.workers, Qt.Key.Key_Return)
    elif how == "double-click":
        cell = panel.workers.visualRect(panel.workers.currentIndex()).center()
        # a real double-click: Qt's item views need the press before the double-click event
        qtbot.mouseClick(panel.workers.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(panel.workers.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    else:
        panel.buttons["choose"].click()
    review = _review(window)
    assert review.final[family] == worker
    assert review.overridden() == [family]
    assert window.session.workspace.review_choices() == {family: worker}
    assert window.session.undo_stack.count() == 1, "one choice, one undo step"
    current = [a for a in review.alternatives(family) if a.current]
    assert [a.worker_id for a in current] == [worker], "the list follows the new plan"
    window.undo_action.trigger()
    review = _review(window)
    assert review.final[family] == before
    assert review.overridden() == []
    assert window.session.workspace.review_choices() == {}
    window.session.undo_stack.redo()
    assert _review(window).final[family] == worker


def test_a_worker_who_cannot_is_refused_with_the_rules_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    review = _review(window)
    family = review.rows[0].family_id
    hard = ("Rule 3", "Rule 4", "Rule 6")  # refused outright (the caps only warn)
    blocked = next(a for a in review.alternatives(family) if a.rule.startswith(hard))
    before = review.final[family]
    _select_family(window, family)
    _select_worker(window, blocked.worker_id)
    session = window.session
    with qtbot.waitSignal(session.error) as said:
        assert not window.allocate_view.choose_alternative()
    message = said.args[0]
    assert message.startswith("Not changed.")
    assert blocked.rule in message and blocked.reason.rstrip(".") in message
    assert _review(window).final[family] == before
    assert session.undo_stack.count() == 0


def test_on_a_big_workspace_the_list_is_ranked_on_the_task_runner(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.ranking_task as ranking_task

    monkeypatch.setattr(ranking_task, "INLINE_WORKERS", 0)  # as if a county's workspace
    review = _review(window)
    review.set_workers({})  # a fresh plan: nothing prepared yet
    family = review.rows[-1].family_id
    panel = window.allocate_view.panel
    with qtbot.waitSignal(window.runner.finished, timeout=30_000):
        _select_family(window, family)
        assert panel.list_label.text().startswith("Ranking the workers")
    expected = alternatives(review.data, review.proposal, review.final, family)
    shown = [panel.alternatives.alternative(r) for r in range(panel.alternatives.rowCount())]
    assert shown == list(expected)
    assert review.has_alternatives(review.rows[0].family_id), "the prepared week is kept"
