"""propose(warm_start=plan): the search starts from the plan in hand, the optimum is the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pytest import MonkeyPatch

from fsp_allocator.allocation.instance_builder import prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.service import propose
from fsp_allocator.demo import generate
from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from solver import Instance, Solution, SolverConfig

WEEK = date(2026, 11, 23)
CONFIG = SolverConfig(time_limit_seconds=10)


def _aims(
    data: TeamData, warm: dict[FamilyId, WorkerId | None] | None
) -> tuple[AllocationProposal, dict[str, dict[str, int]]]:
    solutions: dict[str, Solution] = {}
    proposal = propose(
        data, CONFIG, on_team_done=lambda t, s: solutions.__setitem__(t, s), warm_start=warm
    )
    return proposal, {t: dict(s.aim_values) for t, s in solutions.items()}


def _plan(proposal: AllocationProposal) -> dict[FamilyId, WorkerId | None]:
    plan: dict[FamilyId, WorkerId | None] = {u.family_id: None for u in proposal.unallocated}
    plan.update({a.family_id: a.worker_id for a in proposal.allocations})
    return plan


def test_warm_start_from_the_proposal_gives_the_same_optimum() -> None:
    data = generate(teams=2, seed=3, week=WEEK)
    cold, cold_aims = _aims(data, None)
    warm, warm_aims = _aims(data, _plan(cold))
    assert warm_aims == cold_aims
    assert warm.status == cold.status == "OPTIMAL"


def test_after_one_pin_the_plan_in_hand_with_the_change_gives_the_same_optimum() -> None:
    data = generate(teams=1, seed=3, week=WEEK)
    first, _ = _aims(data, None)
    moved = first.allocations[0]
    other = next(
        w.worker_id
        for w in data.workers
        if w.role.leads and w.worker_id != moved.worker_id and w.team == moved.team
    )
    children = tuple(
        replace(c, pin_worker_id=other)
        if c.family_id == moved.family_id and c.worker_id is None
        else c
        for c in data.children
    )
    pinned = TeamData(data.workers, children, data.settings)
    plan = {**_plan(first), moved.family_id: other}
    _, cold_aims = _aims(pinned, None)
    _, warm_aims = _aims(pinned, plan)
    _, stale_aims = _aims(pinned, _plan(first))  # the plan before the pin: not kept, same answer
    assert warm_aims == cold_aims == stale_aims


def test_re_optimising_searches_only_the_team_that_changed(monkeypatch: MonkeyPatch) -> None:
    import fsp_allocator.allocation.service as service

    data = generate(teams=3, seed=4, week=WEEK)
    service.forget_solutions()
    first, first_aims = _aims(data, None)
    searched: list[str] = []
    real = service.solver.solve

    def counting(instance: Instance, **kwargs: object) -> Solution:
        searched.append(instance.team)
        return real(instance, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service.solver, "solve", counting)
    _, again = _aims(data, _plan(first))  # nothing changed: every team's optimum is kept
    assert searched == [] and again == first_aims
    fixed = {f for t in prepare(data).teams for f, fp in t.families.items() if fp.unit.fixed_worker}
    moved = next(a for a in first.allocations if a.family_id not in fixed)
    children = tuple(
        replace(c, pin_worker_id=moved.worker_id)
        if c.family_id == moved.family_id and c.worker_id is None
        else c
        for c in data.children
    )
    _, pinned = _aims(TeamData(data.workers, children, data.settings), _plan(first))
    assert searched == [str(moved.team)]  # the pin changed one team's instance
    changed = str(moved.team)
    del pinned[changed], first_aims[changed]
    assert pinned == first_aims  # the other teams keep their optima
    _aims(data, None)  # a fresh proposal always searches
    assert sorted(searched[1:]) == sorted(again)
