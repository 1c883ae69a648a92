"""The weekly cycle end to end: import -> propose -> accept -> export -> re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspace_proposals import first_fit_proposal

from fsp_allocator.cli.main import main
from fsp_allocator.domain import TeamData
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import Workspace
from fsp_allocator.workspace.cycle import final_choice, import_workbook


def test_round_trip_through_the_store_shows_no_change(
    workspace: Workspace, demo_team: TeamData, tmp_path: Path
) -> None:
    team = tmp_path / "team.xlsx"
    write_team(demo_team, team)
    first = import_workbook(workspace, team)
    assert len(first.diff.new_children) == len(demo_team.children)
    workspace.accept(first_fit_proposal(workspace.load()), {}, {})
    accepted = workspace.load()
    exported = tmp_path / "exported.xlsx"
    workspace.export_team(exported)

    again = import_workbook(workspace, exported)

    assert again.diff.is_empty, again.diff.summary()
    assert workspace.load() == accepted


def test_overrides_name_a_child_or_a_whole_family(demo_team: TeamData) -> None:
    proposal = first_fit_proposal(demo_team)
    family = next(f for f in demo_team.families() if len(f.new_children) > 1 and f.is_new_family)
    child = family.new_children[0]
    assert set(final_choice(proposal, {family.family_id: "W9"})) == {
        c.child_id for c in family.new_children
    }
    assert final_choice(proposal, {child.child_id: "none"}) == {child.child_id: None}


def _cli(*argv: str) -> int:
    return main(["workspace", *argv])


def test_the_command_line_runs_the_cycle(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "ws.sqlite")
    team = tmp_path / "team.xlsx"
    write_team(demo_team, team)
    assert _cli("--db", db, "set-manager", "Ann Lee") == 0
    assert _cli("--db", db, "import", str(team)) == 0
    assert f"Children added ({len(demo_team.children)})" in capsys.readouterr().out
    assert _cli("--db", db, "propose", "--time-limit", "5", "--json", str(tmp_path / "r.json")) == 0
    assert (tmp_path / "r.json").exists()
    capsys.readouterr()

    assert _cli("--db", db, "accept", "--override", "NOT-A-CHILD=W1") == 1
    assert "neither a new child nor a family" in capsys.readouterr().err
    assert _cli("--db", db, "accept") == 0
    assert "children allocated" in capsys.readouterr().out
    assert _cli("--db", db, "history") == 0
    assert "by Ann Lee" in capsys.readouterr().out
    assert _cli("--db", db, "export", "--out", str(tmp_path / "out.xlsx")) == 0
    assert _cli("--db", db, "import", str(tmp_path / "out.xlsx")) == 0
    assert "No change" in capsys.readouterr().out
    assert _cli("--db", db, "check") == 0
    assert _cli("--db", db, "backup") == 0
    assert "Backup written" in capsys.readouterr().out


def test_an_override_without_a_reason_is_refused(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ws.sqlite"
    team = tmp_path / "team.xlsx"
    write_team(demo_team, team)
    assert _cli("--db", str(db), "import", str(team)) == 0
    from fsp_allocator.workspace import open_workspace

    workspace = open_workspace(db)
    proposal = first_fit_proposal(workspace.load())
    workspace.store_proposal(proposal)
    workspace.close()
    moved = proposal.allocations[0]
    capsys.readouterr()
    assert _cli("--db", str(db), "accept", "--override", f"{moved.family_id}=none") == 1
    assert f"give one for {moved.family_id}" in capsys.readouterr().err
    reason = f"{moved.family_id}=strategy meeting first"
    assert (
        _cli(
            "--db",
            str(db),
            "accept",
            "--override",
            f"{moved.family_id}=none",
            "--reason",
            reason,
            "--as",
            "Bea",
        )
        == 0
    )
    workspace = open_workspace(db)
    decision = next(d for d in workspace.decisions() if d.child_id == moved.child_id)
    workspace.close()
    assert (decision.worker_id, decision.manager_reason) == (None, "strategy meeting first")
    assert decision.decided_by == "Bea"


def test_an_invalid_workbook_lists_its_problems_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    assert _cli("--db", str(tmp_path / "ws.sqlite"), "import", str(bad)) == 2
    assert "was not imported; nothing changed" in capsys.readouterr().err


def test_an_unsafe_place_is_one_clear_line(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team.xlsx"
    write_team(demo_team, team)
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert _cli("--db", str(folder / "ws.sqlite"), "import", str(team)) == 1
    finally:
        folder.chmod(0o700)
    err = capsys.readouterr().err
    assert "read-only" in err and "Traceback" not in err
    assert not (folder / "ws.sqlite").exists()


def test_a_failed_export_leaves_the_old_workbook_whole(
    sqlite_workspace: Workspace,
    demo_team: TeamData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from openpyxl import Workbook

    sqlite_workspace.import_team(demo_team)
    target = tmp_path / "out" / "team.xlsx"
    sqlite_workspace.export_team(target)
    before = target.read_bytes()

    def crash_half_way(self: Workbook, filename: object) -> None:
        if hasattr(filename, "write"):  # saved in memory first, then written
            filename.write(b"PK half a workbook")
        else:
            Path(str(filename)).write_bytes(b"PK half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", crash_half_way)
    with pytest.raises(OSError, match="disk full"):
        sqlite_workspace.export_team(target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["team.xlsx"]
