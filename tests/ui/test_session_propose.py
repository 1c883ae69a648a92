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
