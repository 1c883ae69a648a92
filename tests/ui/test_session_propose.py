"""WorkspaceSession.propose: re-optimising starts from the plan under review (warm start)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import fsp_allocator.allocation.service as service
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.workspace import open_default_workspace
from ui.session import WorkspaceSession


@pytest.fixture
def session(qtbot: QtBot, workspace_file: Path) -> Iterator[WorkspaceSession]:
    held = WorkspaceSession(open_default_workspace())
    yield held
    held.workspace.close()


def test_the_first_proposal_has_no_warm_start_and_the_next_starts_from_the_review(
    session: WorkspaceSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []
    real = service.propose

    def spy(*args: object, **kwargs: object) -> AllocationProposal:
        seen.append(kwargs.get("warm_start"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "propose", spy)
    session.set_proposal(session.propose())
    assert session.review is not None
    assert session.pin_choices()
    again = session.propose()
    assert seen[0] is None
    assert seen[1] == dict(session.review.final)
    assert again.status == "OPTIMAL"


def test_the_task_takes_the_warm_start_when_it_is_made_not_when_it_runs(
    session: WorkspaceSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner runs the task on another thread: a choice made meanwhile on the UI thread
    must not reach a solve already started (it is read for the next one)."""
    session.set_proposal(session.propose())
    review = session.review
    assert review is not None
    seen: list[object] = []
    monkeypatch.setattr(
        service,
        "propose",
        lambda *a, **kw: seen.append(dict(kw["warm_start"])),
    )
    task = session.proposer()
    before = dict(review.final)
    family = next(f for f, w in review.final.items() if w)
    review.set_workers({family: None})
    task(None, None)
    assert seen == [before]
