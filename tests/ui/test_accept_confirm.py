"""Accept shows what will be recorded and records only on confirm; the first accept asks the
manager's name instead of using the computer login (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.domain import FamilyId
from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.dialogs import accept_confirm, manager_name
from ui.dialogs.override_reason import OverrideReasonDialog
from ui.main_window import MainWindow
from ui.models.proposal_model import FINAL_COLUMN
from ui.qt import Qt

SOLVE_TIMEOUT_MS = 120_000
REASON = "Knows the family from an earlier case"


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        main.actions_by_name["allocate"].trigger()
    yield main
    main.session.workspace.close()


def _override_one(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> FamilyId:
    review, view = window.session.review, window.allocate_view
    assert review is not None
    for row in review.rows:
        others = [
            w.worker_id
            for w in review.candidates(row.family_id)
            if w.worker_id != row.proposed_worker_id
        ]
        if row.proposed_worker_id is None:
            continue
        for other in others:
            index = view.model.index(view.model.row_of(row.family_id), FINAL_COLUMN)
            view.proxy.setData(view.proxy.mapFromSource(index), other, Qt.ItemDataRole.EditRole)
            if review.overridden():
                family = row.family_id
                monkeypatch.setattr(
                    OverrideReasonDialog, "ask", classmethod(lambda c, p, o, f=family: {f: REASON})
                )
                return family
    raise AssertionError("no family of the demo could be moved")


def test_accept_shows_what_will_be_recorded_and_asks_the_name_the_first_time(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, accept_confirmations: list[list[str]]
) -> None:
    workspace = window.session.workspace
    assert workspace.manager_name is None  # the demo never set one
    asked: list[str] = []

    def ask(parent: Any, current: str) -> str:
        asked.append(current)
        return "Jo Smith (TM, FSP Banbury)"

    monkeypatch.setattr(manager_name, "ask_manager_name", ask)
    family = _override_one(window, monkeypatch)
    review = window.session.review
    assert review is not None
    left = sum(1 for w in review.final.values() if w is None)

    assert window.allocate_view.accept()

    assert asked == [""]  # asked, not silently the computer login
    text = "\n".join(accept_confirmations[0])
    assert f"{len(review.final) - left} family(ies) allocated, {left} left unallocated" in text
    assert f"{family} → " in text and REASON in text
    assert "decided by Jo Smith (TM, FSP Banbury)" in text
    assert "backup of the workspace is taken first" in text
    decisions = [d for d in workspace.decisions() if d.family_id == family]
    assert decisions and all(d.decided_by == "Jo Smith (TM, FSP Banbury)" for d in decisions)


def test_cancelling_the_confirmation_records_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = window.session.workspace
    workspace.set_manager_name("Ann Lee")
    monkeypatch.setattr(
        manager_name, "ask_manager_name", lambda *_: pytest.fail("the name is known")
    )
    monkeypatch.setattr(accept_confirm, "confirm_accept", lambda parent, lines: False)
    weeks = workspace.accepted_weeks()
    decisions = len(workspace.decisions())

    assert not window.allocate_view.accept()

    assert window.session.review is not None and workspace.pending_proposal() is not None
    assert workspace.accepted_weeks() == weeks and len(workspace.decisions()) == decisions


def test_cancelling_the_name_records_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, accept_confirmations: list[list[str]]
) -> None:
    monkeypatch.setattr(manager_name, "ask_manager_name", lambda parent, current: None)

    assert not window.allocate_view.accept()

    assert accept_confirmations == [] and window.session.review is not None
    assert window.session.workspace.manager_name is None


def test_the_confirmation_dialog_defaults_to_cancel(qtbot: QtBot) -> None:
    dialog = accept_confirm.AcceptConfirmDialog(["3 family(ies) allocated"])
    qtbot.addWidget(dialog)
    default = [b for b in dialog.findChildren(type(dialog.record)) if b.isDefault()]
    assert default and default[0] is not dialog.record
    assert "3 family(ies) allocated" in dialog.text.text()
