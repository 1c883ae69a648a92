"""Re-optimising from the Allocate view starts the search from the plan under review.

The view hands the solve to `WorkspaceSession.propose` on the task runner, so the review's
plan, with the family the manager changed in the "Final worker" drop-down, is the warm start.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import fsp_allocator.allocation.service as service
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import FamilyId, WorkerId
from fsp_allocator.workspace import open_default_workspace
from ui.models.proposal_model import FINAL_COLUMN
from ui.models.worker_choice_column import CANDIDATES_ROLE
from ui.qt import Qt
from ui.session import WorkspaceSession
from ui.task_runner import TaskRunner
from ui.views.allocate_view import AllocateView

SOLVE_TIMEOUT_MS = 120_000


@pytest.fixture
def view(qtbot: QtBot, workspace_file: Path) -> Iterator[AllocateView]:
    session = WorkspaceSession(open_default_workspace())
    runner = TaskRunner()
    shown = AllocateView(session, runner)
    qtbot.addWidget(shown)
    yield shown
    runner.cancel()
    runner.wait(30_000)
    session.workspace.close()


def _change_a_family(view: AllocateView) -> FamilyId:
    """Give the first allocated family another of its candidates through the drop-down."""
    model = view.model
    for row in range(model.rowCount()):
        index = model.index(row, FINAL_COLUMN)
        current = index.data(Qt.ItemDataRole.EditRole)
        others = [w for w, _ in index.data(CANDIDATES_ROLE) if w and w != current]
        for worker in others:
            if current and model.setData(index, worker, Qt.ItemDataRole.EditRole):
                return FamilyId(model.row_key(row))
    raise AssertionError("no family could be given to another worker")


def test_re_optimising_hands_the_reviewed_plan_to_the_engine_as_its_warm_start(
    qtbot: QtBot, view: AllocateView, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[FamilyId, WorkerId | None] | None] = []
    real = service.propose

    def spy(*args: object, **kwargs: object) -> AllocationProposal:
        seen.append(kwargs.get("warm_start"))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "propose", spy)
    with qtbot.waitSignal(view.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        assert view.allocate()
    review = view.session.review
    assert review is not None
    family = _change_a_family(view)
    plan = dict(review.final)
    assert review.is_overridden(family)

    with qtbot.waitSignal(view.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        assert view.allocate()
        assert view.runner.running  # the solve runs in the background, the view stays usable

    assert seen == [None, plan]
    assert view.session.review is not None
    assert view.session.review.final[family] == plan[family]
