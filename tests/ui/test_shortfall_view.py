"""When capacity runs out, the review opens with the shortfall and the ways forward; each
unallocated family's reason stays short; warnings never fill the top (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.demo.flood import flooded_demo
from fsp_allocator.workspace import open_workspace
from ui.app import create_window
from ui.main_window import MainWindow
from ui.views.review_text import warnings_text

SOLVE_TIMEOUT_MS = 120_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    workspace = open_workspace(tmp_path / "flooded.sqlite")
    workspace.import_team(flooded_demo())
    main = create_window(workspace)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.runner.finished, timeout=SOLVE_TIMEOUT_MS):
        main.actions_by_name["allocate"].trigger()
    yield main
    workspace.close()


def test_the_review_opens_with_the_shortfall_and_the_ways_forward(window: MainWindow) -> None:
    view = window.allocate_view
    review = window.session.review
    assert review is not None and review.proposal.unallocated

    assert view.shortfall.isVisible()
    text = view.shortfall.text()
    assert text.startswith("Capacity ran out:") and "workers' worth at FTE 1" in text
    assert "Unallocated families by urgency:" in text
    assert "Rebalance view" in text and "overflow switch" in text and "Planning view" in text
    for row in review.rows:
        if row.unallocated_reason:
            assert len(row.unallocated_reason) < 400 and "% of capacity" not in (
                row.unallocated_reason
            )


def test_no_shortfall_is_shown_before_a_proposal(qtbot: QtBot, tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path / "empty.sqlite")
    workspace.import_team(flooded_demo(0))
    main = create_window(workspace)
    qtbot.addWidget(main)
    try:
        assert not main.allocate_view.shortfall.isVisibleTo(main)
    finally:
        workspace.close()


def test_many_warnings_are_counted_not_all_shown() -> None:
    warnings = [f"Warning number {n} about a family over a cap." for n in range(12)]
    text = warnings_text(warnings)
    assert "Warning number 0" in text and "Warning number 1" in text
    assert "Warning number 5" not in text and "and 10 more" in text
    assert warnings_text([]) == ""
