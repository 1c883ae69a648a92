"""An import over the workspace is previewed first, and one that undoes accepted allocations
says so by name and needs `--yes` (issue 16: an out-of-date workbook silently turned 12
accepted allocations back into unallocated children, with only "Changed cases (12)").
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from workspace_proposals import first_fit_proposal

from fsp_allocator.cli.main import main
from fsp_allocator.domain import TeamData
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import Workspace, open_workspace
from fsp_allocator.workspace.import_preview import ImportWouldUndo


def _accepted_workspace(db: Path, data: TeamData) -> Workspace:
    workspace = open_workspace(db)
    workspace.import_team(data)
    workspace.accept(first_fit_proposal(workspace.load()), {}, {}, "Ann Lee")
    return workspace


def test_the_preview_says_what_an_import_would_do_and_changes_nothing(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    before, audit = workspace.load(), len(workspace.audit())
    leaving = demo_team.workers[-1]
    closing = demo_team.open_children()[0]
    changed = replace(demo_team.workers[0], fte=0.5)
    incoming = replace(
        demo_team,
        workers=(changed, *demo_team.workers[1:-1]),
        children=tuple(
            c
            for c in demo_team.children
            if c.child_id != closing.child_id and c.worker_id != leaving.worker_id
        ),
    )
    preview = workspace.preview_import(incoming)
    assert preview.diff.removed_workers == (leaving.worker_id,)
    assert preview.diff.changed_workers == (changed.worker_id,)
    assert closing.child_id in preview.diff.closed_children
    assert set(preview.to_allocate) == {c.child_id for c in incoming.new_children()}
    text = "\n".join(preview.lines())
    assert f"Workers leaving the roster (1): {leaving.name} ({leaving.worker_id})" in text
    assert workspace.load() == before and len(workspace.audit()) == audit


def test_undone_allocations_are_named_and_refused_without_confirmation(
    tmp_path: Path, demo_team: TeamData
) -> None:
    workspace = _accepted_workspace(tmp_path / "ws.sqlite", demo_team)
    accepted = {c.child_id: c.worker_id for c in workspace.load().children}
    undone = {c.child_id for c in demo_team.new_children() if accepted.get(c.child_id)}
    assert undone
    preview = workspace.preview_import(demo_team)  # the out-of-date workbook
    assert {u.child_id for u in preview.undone} == undone
    first = preview.undone[0]
    assert first.worker_name == demo_team.worker(first.worker_id).name  # type: ignore[arg-type, union-attr]
    state, audit = workspace.load(), len(workspace.audit())
    backups = set((tmp_path / "backups").glob("*"))  # the accept's
    with pytest.raises(ImportWouldUndo) as refused:
        workspace.apply_import(demo_team)
    assert first.child_id in str(refused.value) and first.worker_name in str(refused.value)
    assert workspace.load() == state and len(workspace.audit()) == audit
    assert set((tmp_path / "backups").glob("*")) == backups  # refused before any backup
    applied = workspace.apply_import(demo_team, undo_accepted=True)
    assert applied.backup_path is not None and applied.backup_path.exists()
    assert {c.child_id for c in workspace.load().new_children()} >= undone
    assert workspace.audit()[-1].action == "import"
    workspace.close()


def test_the_command_line_dry_run_and_yes(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team.xlsx"
    write_team(demo_team, team)
    db = tmp_path / "ws.sqlite"
    _accepted_workspace(db, demo_team).close()
    capsys.readouterr()
    workspace = open_workspace(db)
    state = workspace.load()
    workspace.close()

    assert main(["workspace", "import", str(team), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run: nothing was changed" in out
    assert "Accepted allocations this import would undo" in out and "would need --yes" in out

    assert main(["workspace", "import", str(team), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "would undo:" in err and "run again with --yes" in err
    workspace = open_workspace(db)
    assert workspace.load() == state
    workspace.close()

    assert main(["workspace", "import", str(team), "--db", str(db), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Undone (confirmed with --yes)" in out and "Backup taken first" in out
