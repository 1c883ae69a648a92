"""`fsp-allocator workspace rebalance` and `workspace accept` of a pending rebalance: exit
codes, one-line messages, nothing stored on a bad argument, global options anywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rebalance_data import leaver_team

from fsp_allocator.cli.main import main
from fsp_allocator.workspace import open_workspace


@pytest.fixture(autouse=True)
def _validated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every frontier the commands solve passes the solver-free validator."""
    from fsp_allocator.rebalance import run as run_module
    from solver.rebalance import RebalanceInstance, RebalanceSolution, validate_rebalance

    real = run_module.solve_rebalance

    def solve(instance: RebalanceInstance, *args: Any, **kwargs: Any) -> RebalanceSolution:
        solution = real(instance, *args, **kwargs)
        assert validate_rebalance(instance, solution) == []
        return solution

    monkeypatch.setattr(run_module, "solve_rebalance", solve)


@pytest.fixture
def db(workspace_target: str) -> str:
    """A workspace (SQLite and PostgreSQL) holding the leaver's team."""
    workspace = open_workspace(workspace_target)
    workspace.import_team(leaver_team())
    workspace.close()
    return workspace_target


def _pending(db: str) -> tuple[object, object]:
    workspace = open_workspace(db)
    try:
        return workspace.pending_rebalance(), workspace.pending_proposal()
    finally:
        workspace.close()


def test_rebalance_keeps_a_pending_plan_and_prints_the_summary(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, js = tmp_path / "r.xlsx", tmp_path / "r.json"
    status = main(
        [
            *("workspace", "rebalance", "--max-moves", "1"),
            *("--out", str(out), "--json", str(js)),
            *("--db", db),  # a global option after the subcommand
        ]
    )
    printed = capsys.readouterr().out
    assert status == 0
    assert "Re-homed 4 children" in printed and "0 unplaced" in printed
    assert "North: 0 voluntary move(s) allowed -> worst caseload" in printed
    assert "North: 1 voluntary move(s) allowed" in printed
    assert "Pending: review it" in printed
    assert out.exists() and len(json.loads(js.read_text())["moves"]) == 4
    pending, proposal = _pending(db)
    assert pending is not None and proposal is None


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--release", "NOBODY"], "argument --release: NOBODY names no worker"),
        (["--max-moves", "-1"], "argument --max-moves"),
        (["--max-moves", "many"], "argument --max-moves"),
    ],
)
def test_a_bad_argument_is_exit_2_naming_it_and_stores_nothing(
    db: str, argv: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        status = main(["--db", db, "workspace", "rebalance", *argv])
    except SystemExit as exited:  # argparse's own check of --max-moves
        status = int(str(exited.code))
    assert status == 2
    assert named in capsys.readouterr().err
    assert _pending(db) == (None, None)


def test_accept_applies_the_pending_rebalance_with_overrides_and_reasons(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["workspace", "--db", db, "rebalance"]) == 0
    capsys.readouterr()
    status = main(["workspace", "accept", "--override", "f2=none", "--db", db])
    assert status == 1
    assert "A reason is required" in capsys.readouterr().err
    status = main(["workspace", "accept", "--override", "j3=F", "--reason", "f3=x", "--db", db])
    err = capsys.readouterr().err
    assert status == 2 and "refused: Family f3" in err and "Rule 3" in err
    assert "Traceback" not in err
    status = main(
        ["--db", db, "workspace", "accept", "--override", "f2=none", "--reason", "j2=hearing"]
    )
    printed = capsys.readouterr().out
    assert status == 0 and "Accepted the pending rebalance: 3 children moved." in printed
    assert main(["--db", db, "workspace", "history", "--worker", "J"]) == 0
    history = capsys.readouterr().out
    assert "moved from Name J to Name " in history and "kept with Name J" in history
    assert "hearing" in history
    assert main(["--db", db, "workspace", "check"]) == 0
    assert main(["--db", db, "workspace", "accept"]) == 1
    assert "There is no pending proposal" in capsys.readouterr().err


def test_accept_takes_the_proposal_stored_last_and_drops_the_rebalance(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "workspace", "rebalance"]) == 0
    assert main(["--db", db, "workspace", "propose"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "workspace", "accept"]) == 0
    printed = capsys.readouterr().out
    assert "children allocated" in printed
    assert "The pending rebalance, stored before the weekly proposal, was dropped" in printed
    assert _pending(db) == (None, None)


def test_accept_takes_the_rebalance_stored_last_and_drops_the_proposal(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "workspace", "propose"]) == 0
    assert main(["--db", db, "workspace", "rebalance"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "workspace", "accept", "--repropose"]) == 1
    assert "--repropose applies to the weekly proposal" in capsys.readouterr().err
    assert main(["--db", db, "workspace", "accept"]) == 0
    printed = capsys.readouterr().out
    assert "Accepted the pending rebalance: 4 children moved." in printed
    assert "The weekly proposal, stored before the rebalance, was dropped" in printed
    assert _pending(db) == (None, None)


def test_a_plan_out_of_date_is_one_clear_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "workspace", "rebalance"]) == 0
    workspace = open_workspace(db)
    try:
        from dataclasses import replace

        j1 = next(c for c in workspace.load().children if c.child_id == "j1")
        workspace.save_child(replace(j1, complexity=2.0))
    finally:
        workspace.close()
    capsys.readouterr()
    assert main(["--db", db, "workspace", "accept"]) == 1
    err = capsys.readouterr().err
    assert "child j1 (family f1) was edited" in err and "Nothing was accepted" in err
    assert "Traceback" not in err


def test_the_demo_workspaces_leaver_is_a_ready_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A fresh demo workspace (as the app makes on first run): T01-W05 left on 26 November,
    so `workspace rebalance` re-homes their nine children with no release named."""
    from rebalance_data import checked

    from fsp_allocator.workspace.opening import open_default_workspace
    from fsp_allocator.workspace.rebalancing import propose_rebalance

    workspace = open_default_workspace()
    try:
        held = [c for c in workspace.load().open_children() if c.worker_id == "T01-W05"]
        result = checked(propose_rebalance(workspace)).result()
    finally:
        workspace.close()
    assert len(held) == 9
    assert {m.child_id for m in result.moves} == {c.child_id for c in held}
    assert all(m.reasons[0].endswith("left on 26 November 2026") for m in result.moves)
    assert main(["workspace", "accept"]) == 0
    assert "Accepted the pending rebalance: 9 children moved." in capsys.readouterr().out
    assert main(["workspace", "check"]) == 0


def test_a_plan_that_moves_nothing_is_not_kept(
    workspace_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    team = leaver_team()
    workspace = open_workspace(workspace_target)
    workspace.import_team(replace(team, children=team.children[4:]))  # no leaver's family
    workspace.close()
    assert main(["--db", workspace_target, "workspace", "rebalance"]) == 0
    printed = capsys.readouterr().out
    assert "Re-homed 0 children" in printed and "no rebalance is pending" in printed
    assert _pending(workspace_target) == (None, None)


def test_a_result_file_that_cannot_be_written_stores_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    out = blocked / "r.xlsx"
    assert main(["--db", db, "workspace", "rebalance", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "could not write the result" in err and "Traceback" not in err
    assert _pending(db) == (None, None)
