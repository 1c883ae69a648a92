"""Accepting again in a week, conflicts and stale proposals, and owner-only files (issue 13:
a second accept recorded everything again; the loser of a conflict was told about the
proposal's first family; a stale proposal blocked every accept; the file was 0644)."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select
from workspace_proposals import first_fit_proposal

from fsp_allocator.cli.main import main
from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import AcceptConflict, Workspace, open_workspace, tables


def _snapshot_rows(workspace: Workspace) -> int:
    with workspace._engine.connect() as conn:  # the raw, append-only table
        return int(
            conn.execute(select(func.count()).select_from(tables.load_snapshots)).scalar_one()
        )


def test_accepting_again_in_a_week_records_only_what_changed(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    workspace.accept(first_fit_proposal(workspace.load(), leave_out=2), {}, {})
    decisions, snapshots = len(workspace.decisions()), _snapshot_rows(workspace)
    history = workspace.workload_history()

    again = first_fit_proposal(workspace.load(), leave_out=2)  # the same two left over
    assert not again.allocations
    workspace.accept(again, {}, {})

    assert len(workspace.decisions()) == decisions
    assert _snapshot_rows(workspace) == snapshots
    assert workspace.workload_history() == history
    weeks = [(s.worker_id, s.week) for s in workspace.workload_history()]
    assert len(weeks) == len(set(weeks))  # one snapshot per worker per week


def test_a_second_accept_that_allocates_keeps_one_snapshot_per_worker_and_week(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    workspace.accept(first_fit_proposal(workspace.load(), leave_out=2), {}, {})
    workspace.accept(first_fit_proposal(workspace.load(), leave_out=0), {}, {})
    weeks = [(s.worker_id, s.week) for s in workspace.workload_history()]
    assert len(weeks) == len(set(weeks)) == len(workspace.load().workers)
    held = {c.child_id: c.worker_id for c in workspace.load().children}
    loads = {s.worker_id: s.children for s in workspace.workload_history()}
    for worker, children in loads.items():
        assert children == sum(1 for w in held.values() if w == worker)


def test_the_conflict_names_the_contested_family_and_what_to_do(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    mine = first_fit_proposal(workspace.load(), leave_out=0)
    families = list(dict.fromkeys(a.family_id for a in mine.allocations))
    contested = families[-1]
    theirs = dataclasses.replace(
        mine,
        allocations=tuple(a for a in mine.allocations if a.family_id == contested),
        unallocated=(),
    )
    workspace.store_proposal(mine)
    other_window = open_workspace(workspace.location if not workspace.is_sqlite else workspace.path)
    try:
        other_window.accept(theirs, {}, {})
    finally:
        other_window.close()
    with pytest.raises(AcceptConflict) as refused:
        workspace.accept(mine, {}, {})
    message = str(refused.value)
    assert contested in message and families[0] not in message
    assert "Propose again" in message


def test_a_stale_proposal_is_detected_and_reproposed_on_request(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ws" / "workspace.sqlite"
    opened = open_workspace(db)
    opened.import_team(demo_team)
    opened.close()
    assert main(["workspace", "--db", str(db), "propose", "--time-limit", "2"]) == 0
    editor = open_workspace(db)
    new_child = editor.load().new_children()[0]
    editor.save_child(dataclasses.replace(new_child, complexity=2.0))
    editor.close()
    capsys.readouterr()

    assert main(["workspace", "--db", str(db), "accept"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["workspace", "--db", str(db), "accept", "--repropose"]) == 0
    assert "Proposed again" in capsys.readouterr().out
    assert main(["workspace", "--db", str(db), "accept"]) == 0


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_workspace_is_owner_only_on_creation_and_fixed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "new" / "workspace.sqlite"
    open_workspace(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    default = Path(os.environ["FSP_ALLOCATOR_WORKSPACE"])  # the default folder, as made by
    default.parent.mkdir(parents=True)  # an older version: world-readable
    open_workspace(default).close()
    os.chmod(default, 0o644)
    os.chmod(default.parent, 0o755)
    workspace = open_workspace(default)
    try:
        backup = workspace.backup()
    finally:
        workspace.close()
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
