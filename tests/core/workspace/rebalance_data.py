"""A small team with a leaver for the rebalance-on-the-workspace tests, and a checked run."""

from __future__ import annotations

from datetime import date

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
from fsp_allocator.rebalance.run import RebalanceRun
from fsp_allocator.settings import default_settings
from solver.rebalance import validate_rebalance

WEEK = date(2026, 11, 23)
TEAM = TeamName("North")


def _worker(wid: str, role: Role = Role.SW, **kw: object) -> Worker:
    return Worker(WorkerId(wid), f"Name {wid}", role, 1.0, TEAM, **kw)  # type: ignore[arg-type]


def _child(cid: str, fam: str, lead: str | None, stage: Stage = Stage.CIN, **kw: object) -> Child:
    worker = WorkerId(lead) if lead else None
    return Child(ChildId(cid), FamilyId(fam), stage, worker_id=worker, team=TEAM, **kw)  # type: ignore[arg-type]


def leaver_team() -> TeamData:
    """J left on 1 November holding three families; A, B, C can take them; F is a family
    support worker (cannot lead); X is excluded from family f3; one new child waits."""
    workers = (
        _worker("J", available_to=date(2026, 11, 1)),
        _worker("A"),
        _worker("B"),
        _worker("C"),
        _worker("X"),
        _worker("F", Role.FSW),
    )
    children = (
        _child("j1", "f1", "J"),
        _child("j2", "f2", "J", Stage.CP),
        _child("j3", "f3", "J", exclude_worker_ids=(WorkerId("X"),)),
        _child("j4", "f3", "J"),
        _child("a1", "f4", "A"),
        _child("n1", "f9", None, referral_date=date(2026, 11, 20)),
    )
    return TeamData(workers, children, default_settings(WEEK))


def checked(run: RebalanceRun) -> RebalanceRun:
    """The run, after every team's frontier passed the solver-free validator."""
    for team in run.preparation.teams:
        assert validate_rebalance(team.instance, run.solutions[team.team]) == []
    return run
