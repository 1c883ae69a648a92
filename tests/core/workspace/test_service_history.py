"""Rates measured from a workspace's accepted weeks, and `workspace service` / `plan`.

Two weeks of the real cycle (import, propose, accept) on two teams, with weights set by
`complexity` so each week's intake and closures can be added up by hand.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fsp_allocator.allocation.service import propose
from fsp_allocator.cli.main import main
from fsp_allocator.domain import (
    Child,
    ChildId,
    FamilyId,
    Role,
    Stage,
    TeamData,
    TeamName,
    Worker,
    WorkerId,
)
from fsp_allocator.service.rates import last_week_unallocated, measured_rates
from fsp_allocator.settings import default_settings
from fsp_allocator.workspace import Workspace, open_workspace

WEEK_1, WEEK_2 = date(2026, 11, 9), date(2026, 11, 16)


def _child(cid: str, weight: float, holder: str | None, team: str) -> Child:
    return Child(
        ChildId(cid),
        FamilyId(f"F-{cid}"),
        Stage.CIN,
        worker_id=WorkerId(holder) if holder else None,
        complexity=weight,
        team=TeamName(team),
    )


def _start() -> TeamData:
    workers = tuple(
        Worker(WorkerId(w), f"Name {w}", Role.SW, 1.0, TeamName(t))
        for w, t in (("N1", "North"), ("N2", "North"), ("E1", "East"))
    )
    children = (
        _child("c1", 6, "N1", "North"),
        _child("c2", 2, "N2", "North"),
        _child("c3", 8, "E1", "East"),
        _child("n1", 1.5, None, "North"),  # week 1 intake: North 1.5 + 2.5, East 1
        _child("n2", 2.5, None, "North"),
        _child("n3", 1.0, None, "East"),
    )
    return TeamData(workers, children, default_settings(WEEK_1))


def _two_weeks(workspace: Workspace) -> None:
    workspace.import_team(_start(), user="test")
    first = propose(workspace.load())
    final = {ChildId("n3"): None}  # the manager holds East's family back a week
    workspace.accept(first, final, {FamilyId("F-n3"): "waiting for the strategy meeting"}, "test")
    now = workspace.load()
    kept = tuple(c for c in now.children if c.child_id not in ("c2", "c3"))  # close 2 and 8
    week_2 = replace(
        now,
        children=(*kept, _child("n4", 3.0, None, "North")),
        settings=replace(now.settings, week=WEEK_2),
    )
    workspace.import_team(week_2, user="test")
    second = propose(workspace.load())
    workspace.accept(second, {}, {}, "test")


@pytest.fixture
def history_target(workspace_target: str) -> str:
    workspace = open_workspace(workspace_target)
    try:
        _two_weeks(workspace)
    finally:
        workspace.close()
    return workspace_target


def test_rates_are_the_mean_of_the_accepted_weeks(history_target: str) -> None:
    workspace = open_workspace(history_target)
    try:
        weeks = workspace.week_records()
    finally:
        workspace.close()
    assert [w.week for w in weeks] == [WEEK_1, WEEK_2]
    assert weeks[0].intake == {"North": 4.0, "East": 1.0}
    assert weeks[0].unallocated.get("East") == 1  # held back by the manager
    assert weeks[1].intake == {"North": 3.0}  # n3 was decided in week 1: not new intake again
    assert weeks[1].closures == {"North": 2.0, "East": 8.0}
    rates = measured_rates(weeks, ["North", "East"])
    assert rates.weeks == 2
    assert dict(rates.intake) == {"North": 3.5, "East": 0.5}
    assert dict(rates.closures) == {"North": 1.0, "East": 4.0}
    assert "last 2 accepted weeks" in rates.basis
    assert last_week_unallocated(weeks) == weeks[1].unallocated


def test_workspace_service_and_plan_commands(history_target: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        main(
            [
                "workspace",
                "--db",
                history_target,
                "service",
                "--out",
                str(out / "s.xlsx"),
                "--json",
                str(out / "s.json"),
            ]
        )
        == 0
    )
    report = json.loads((out / "s.json").read_text(encoding="utf-8"))
    assert report["source"] == "workspace"
    assert {t["team"] for t in report["teams"]} == {"North", "East"}
    assert all(t["unallocated_last_week"] is not None for t in report["teams"])
    assert (
        main(
            [
                "workspace",
                "--db",
                history_target,
                "plan",
                "--json",
                str(out / "p.json"),
                "--remove",
                "N1",
                "--weeks",
                "4",
            ]
        )
        == 0
    )
    plan = json.loads((out / "p.json").read_text(encoding="utf-8"))
    assert plan["rates"]["weeks_measured"] == 2
    assert plan["rates"]["intake"] == {"North": 3.5, "East": 0.5}
    assert len(plan["service"]["before"]["projection"]) == 4
    north = next(t for t in plan["teams"] if t["team"] == "North")
    assert north["after"]["capacity"] == north["before"]["capacity"] - 15


def test_workspace_plan_unknown_worker_exit_2_nothing_written(
    history_target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "p.json"
    assert (
        main(["workspace", "--db", history_target, "plan", "--json", str(target), "--remove", "Z9"])
        == 2
    )
    assert "--remove Z9" in capsys.readouterr().err
    assert not target.exists()
