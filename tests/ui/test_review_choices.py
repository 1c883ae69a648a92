"""The review keeps and checks the manager's choices (issue 16), on the demo workspace.

Reproduces the report: choose F042's worker from the family panel's ranked list, pin F044,
exclude F028, re-optimise the rest — F042 must stay with the worker chosen (now a pin, shown
as such). A choice from the list that breaks a hard rule is refused with the rule named; one
over a cap is taken with rule 9's warning. Leaving a family unallocated is the "Final worker"
drop-down's (the list holds workers only).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.domain import FamilyId, WorkerId
from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.main_window import MainWindow
from ui.models.proposal_model import FINAL_COLUMN
from ui.qt import Qt

SOLVE_TIMEOUT_MS = 120_000
F042, F044, F028 = FamilyId("T01-F042"), FamilyId("T01-F044"), FamilyId("T01-F028")


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        main.actions_by_name["allocate"].trigger()
    yield main
    main.runner.cancel()
    main.runner.wait(30_000)
    main.session.workspace.close()


def _set_final(window: MainWindow, family: FamilyId, worker: str) -> bool:
    """Choose from the panel's ranked list; "" (leave unallocated) from the drop-down."""
    view = window.allocate_view
    if not worker:
        index = view.proxy.mapFromSource(view.model.index(view.model.row_of(family), FINAL_COLUMN))
        return bool(view.proxy.setData(index, worker, Qt.ItemDataRole.EditRole))
    _select(window, family)
    panel = view.panel
    row = panel.alternatives.row_of(worker)
    assert row >= 0, f"{worker} is not in the family's list"
    panel.workers.setCurrentIndex(panel.alternatives.index(row, 0))
    return view.choose_alternative()


def _select(window: MainWindow, family: FamilyId) -> None:
    view = window.allocate_view
    index = view.proxy.mapFromSource(view.model.index(view.model.row_of(family), 0))
    view.table.setCurrentIndex(index)


def _final_text(window: MainWindow, family: FamilyId) -> str:
    model = window.allocate_view.model
    return str(model.index(model.row_of(family), FINAL_COLUMN).data())


def test_re_optimise_keeps_the_managers_choice_as_a_pin(qtbot: QtBot, window: MainWindow) -> None:
    session, view = window.session, window.allocate_view
    assert session.review is not None
    engine_choice = session.review.final[F042]
    chosen = WorkerId("T01-W04")
    assert engine_choice != chosen
    assert _set_final(window, F042, chosen)
    assert "1 family(ies) changed by you" in view.summary.text()
    _select(window, F044)
    assert view.pin_selected()
    pinned_to = session.review.final[F044]
    _select(window, F028)
    excluded = session.review.final[F028]
    assert view.exclude_selected()

    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        view.buttons["reoptimise"].click()

    review = session.review
    assert review is not None
    assert review.final[F042] == chosen, "the manager's choice was discarded"
    assert review.pin(F042) == chosen
    assert "(pinned by you)" in _final_text(window, F042)
    assert review.final[F044] == pinned_to
    assert review.final[F028] not in (excluded, None)
    assert "2 pinned by you" in view.summary.text()
    _select(window, F042)
    assert "Pinned by you to Kofi Jones" in view.panel.detail.toPlainText()


def test_a_choice_left_unallocated_survives_re_optimising(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    assert _set_final(window, F042, "")
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        window.allocate_view.buttons["reoptimise"].click()
    assert session.review is not None
    assert session.review.final[F042] is None
    assert session.review.overridden() == [F042]
    assert session.workspace.review_choices() == {F042: None}


@pytest.mark.parametrize(
    ("worker", "rule", "says"),
    [
        ("T01-W05", "Rule 4", "has not been available since 26 November 2026"),
        ("T01-W10", "Rule 3", "cannot be a lead worker"),
    ],
)
def test_a_listed_choice_that_breaks_a_hard_rule_is_refused_naming_it(
    qtbot: QtBot, window: MainWindow, worker: str, rule: str, says: str
) -> None:
    session = window.session
    assert session.review is not None
    before = session.review.final[F042]
    # the list offers every worker of the team, those who cannot too: the check still runs
    with qtbot.waitSignal(session.error) as said:
        assert not _set_final(window, F042, worker)
    assert rule in said.args[0] and says in said.args[0]
    assert session.review.final[F042] == before
    assert session.review.overridden() == []
    assert session.workspace.review_choices() == {}


def test_a_choice_over_the_load_ceiling_is_taken_with_a_warning(window: MainWindow) -> None:
    session = window.session
    assert _set_final(window, F042, "T01-W09")
    assert session.review is not None
    assert session.review.final[F042] == "T01-W09"
    _select(window, F042)
    detail = window.allocate_view.panel.detail.toPlainText()
    assert "Warning: Family T01-F042: Ellie Khan would go to" in detail
    assert "Rule 7: load ceiling" in detail
