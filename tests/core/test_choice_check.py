"""Accept checks every change against the rules (issues 13 and 16), on the demo workspace.

`workspace accept --override` to a worker who may not lead (rule 3), is unavailable or not
accepting (rule 4), is excluded, is an ASYE for a court family (rule 6) or works in another
team (rule 8) is refused with the rule named and nothing saved (exit 2); the caps (rules 5
and 7) are the manager's decision and give a warning; a child-level override that would
split siblings is refused naming them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from fsp_allocator.cli.main import main
from fsp_allocator.domain import ChildId, Role, Stage, TeamName, WorkerId
from fsp_allocator.workspace import Workspace, open_default_workspace, open_workspace
from fsp_allocator.workspace.cycle import propose_pending

FAMILY = "T01-F042"  # two new CP children, proposed to a worker with room (demo, seed 1)


@pytest.fixture(scope="module")
def proposed_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace a manager gets on first run, with this week's proposal pending."""
    path = tmp_path_factory.mktemp("demo") / "workspace.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FSP_ALLOCATOR_WORKSPACE", str(path))
        workspace = open_default_workspace()
    propose_pending(workspace)
    workspace.close()
    return path


@pytest.fixture
def db(proposed_demo: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "ws" / "workspace.sqlite"
    copy.parent.mkdir()
    shutil.copy(proposed_demo, copy)
    yield copy


def _edit(db: Path, change: Callable[[Workspace], None]) -> None:
    """Make the change, then propose again: a proposal made before a child changed is
    refused as stale (issue 13) before any choice is checked."""
    workspace = open_workspace(db)
    try:
        change(workspace)
        propose_pending(workspace)
    finally:
        workspace.close()


def _accept(db: Path, override: str, reason: str) -> int:
    return main(
        ["workspace", "--db", str(db), "accept", "--override", override, "--reason", reason]
    )


def _not_accepting(workspace: Workspace) -> None:
    worker = workspace.load().worker(WorkerId("T01-W04"))
    assert worker is not None
    workspace.save_worker(replace(worker, accepting=False))


def _excluded(workspace: Workspace) -> None:
    for child in workspace.load().children:
        if child.family_id == FAMILY:
            workspace.save_child(replace(child, exclude_worker_ids=(WorkerId("T01-W04"),)))


def _asye_and_court(workspace: Workspace) -> None:
    worker = workspace.load().worker(WorkerId("T01-W04"))
    assert worker is not None
    workspace.save_worker(replace(worker, role=Role.ASYE))
    child = next(c for c in workspace.load().children if c.child_id == "T01-C0077")
    workspace.save_child(replace(child, stage=Stage.PLO))


def _other_team(workspace: Workspace) -> None:
    worker = workspace.load().worker(WorkerId("T01-W04"))
    assert worker is not None
    workspace.save_worker(replace(worker, team=TeamName("FSP Bicester")))


def _nothing(workspace: Workspace) -> None:
    pass


@pytest.mark.parametrize(
    ("setup", "worker", "rule", "says"),
    [
        (_nothing, "T01-W10", "Rule 3", "family support worker and cannot be a lead worker"),
        (_nothing, "T01-A2", "Rule 3", "mental health practitioner and cannot be a lead"),
        (_nothing, "T01-W05", "Rule 4", "has not been available since 26 November 2026"),
        (_not_accepting, "T01-W04", "Rule 4", "is not accepting new cases"),
        (
            _excluded,
            "T01-W04",
            "Not excluded by the manager",
            "is excluded from this family by the manager",
        ),
        (_asye_and_court, "T01-W04", "Rule 6", "newly qualified (ASYE)"),
        (_other_team, "T01-W04", "Rule 8", "works in FSP Bicester, not in FSP Banbury"),
    ],
)
def test_an_override_that_breaks_a_hard_rule_is_refused_and_nothing_saved(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    setup: Callable[[Workspace], None],
    worker: str,
    rule: str,
    says: str,
) -> None:
    _edit(db, setup)
    before = open_workspace(db)
    decisions, children = len(before.decisions()), before.load().children
    before.close()

    status = _accept(db, f"{FAMILY}={worker}", f"{FAMILY}=knows them")

    err = capsys.readouterr().err
    assert status == 2
    assert f"refused: Family {FAMILY}" in err and rule in err and says in err
    after = open_workspace(db)
    try:
        assert len(after.decisions()) == decisions
        assert after.load().children == children
        assert after.pending_proposal() is not None
    finally:
        after.close()


def test_a_choice_over_the_load_ceiling_is_accepted_with_rule_9s_warning(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _accept(db, f"{FAMILY}=T01-W09", f"{FAMILY}=knows them")
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "warning: Family T01-F042: Ellie Khan would go to" in captured.err
    assert "Rule 7: load ceiling" in captured.err
    workspace = open_workspace(db)
    try:
        held = {c.child_id: c.worker_id for c in workspace.load().children}
    finally:
        workspace.close()
    assert held[ChildId("T01-C0077")] == held[ChildId("T01-C0078")] == "T01-W09"


def test_a_choice_of_a_worker_at_the_court_cap_warns_with_rule_5(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _accept(db, f"{FAMILY}=T01-W03", f"{FAMILY}=knows them")
    err = capsys.readouterr().err
    assert status == 0, err
    assert "Siobhan Murphy is at the court cap (3 of 3)" in err and "Rule 5" in err


def test_a_child_level_override_that_splits_siblings_is_refused_naming_them(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _accept(db, "T01-C0077=T01-W04", "T01-C0077=knows them")
    err = capsys.readouterr().err
    assert status == 2
    assert "T01-C0077 to T01-W04" in err and "T01-C0078 to T01-W01" in err
    assert "Rule 2" in err
    workspace = open_workspace(db)
    try:
        assert workspace.decisions()[-1].week != workspace.pending_proposal().week  # type: ignore[union-attr]
    finally:
        workspace.close()


def test_moving_a_new_child_away_from_its_open_familys_worker_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _accept(db, "T01-F028=T01-W04", "T01-F028=why")
    err = capsys.readouterr().err
    assert status == 2
    assert "open children are with Tomasz Kowalski" in err
