"""propose(): every new child exactly once, open cases never moved, valid and repeatable."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from fsp_allocator.allocation.assemble import assemble
from fsp_allocator.allocation.instance_builder import prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.service import propose, solve_team
from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData
from fsp_allocator.weighting import worker_loads
from solver import CancelToken, Progress, Solution, SolverConfig
from solver.validation import validate

WEEK = date(2026, 11, 23)
CONFIG = SolverConfig(time_limit_seconds=10)


@pytest.fixture(scope="module")
def data() -> TeamData:
    return generate(teams=3, seed=5, week=WEEK)


@pytest.fixture(scope="module")
def proposal(data: TeamData) -> AllocationProposal:
    return propose(data, CONFIG)


def test_every_new_child_exactly_once(data: TeamData, proposal: AllocationProposal) -> None:
    placed = Counter(
        [a.child_id for a in proposal.allocations] + [u.child_id for u in proposal.unallocated]
    )
    assert set(placed) == {c.child_id for c in data.new_children()}
    assert set(placed.values()) == {1}
    assert proposal.status in ("OPTIMAL", "FEASIBLE")
    assert set(proposal.team_status) == set(data.teams())


def test_siblings_share_a_worker_and_open_cases_stay(
    data: TeamData, proposal: AllocationProposal
) -> None:
    by_family: dict[str, set[str]] = {}
    for a in proposal.allocations:
        by_family.setdefault(a.family_id, set()).add(a.worker_id)
    assert all(len(workers) == 1 for workers in by_family.values())
    before = worker_loads(data)
    for line in proposal.workload:
        assert line.children_before == before[line.worker_id].children
        assert line.children_after >= line.children_before
    assert [w.worker_id for w in proposal.workload] == [w.worker_id for w in data.workers]


def test_loads_add_up(data: TeamData, proposal: AllocationProposal) -> None:
    added: dict[str, float] = {}
    for a in proposal.allocations:
        added[a.worker_id] = added.get(a.worker_id, 0.0) + a.weight
    for line in proposal.workload:
        if line.role.leads:
            expected = line.load_before + added.get(line.worker_id, 0.0)
            assert line.load_after == pytest.approx(expected, abs=0.011)


def test_team_solutions_are_valid(data: TeamData) -> None:
    for team in prepare(data).teams:
        assert validate(team.instance, solve_team(team, CONFIG)) == []


def test_same_input_same_output_and_not_the_finish_order(
    data: TeamData, proposal: AllocationProposal
) -> None:
    again = propose(data, CONFIG)
    assert replace(again, solve_seconds=0.0) == replace(proposal, solve_seconds=0.0)
    prep = prepare(data)
    one_by_one: dict[str, Solution] = {t.team: solve_team(t, CONFIG) for t in reversed(prep.teams)}
    sequential = assemble(data, prep, one_by_one, 0.0)
    assert replace(sequential, solve_seconds=0.0) == replace(proposal, solve_seconds=0.0)


def test_cancelled_before_start_still_places_every_child_once(data: TeamData) -> None:
    token = CancelToken()
    token.cancel()
    seen: list[Progress] = []
    result = propose(data, CONFIG, progress=seen.append, cancel=token)
    placed = [a.child_id for a in result.allocations] + [u.child_id for u in result.unallocated]
    assert sorted(placed) == sorted(c.child_id for c in data.new_children())
    assert result.cancelled


def test_pins_open_families_and_exclusions_hold_through_the_solve() -> None:
    from test_allocation_builders import child, team_data, worker

    from fsp_allocator.domain import ChildId, Stage, WorkerId

    workers = [worker("W1", court_cap=0), worker("W2"), worker("W3")]
    kids = [
        child("O1", "F1", lead="W3"),
        child("C1", "F1", Stage.CIN),  # joins W3, its siblings' worker
        child("C2", "F2", Stage.COURT, pin_worker_id=WorkerId("W1")),  # pin over the cap
        child("C3", "F3", exclude_worker_ids=(WorkerId("W2"), WorkerId("W3"))),
    ]
    data = team_data(workers, kids)
    result = propose(data, CONFIG)
    lead = {a.child_id: a.worker_id for a in result.allocations}
    assert lead[ChildId("C1")] == "W3"
    assert lead[ChildId("C2")] == "W1"
    assert ChildId("C3") not in lead  # W1 is at the court cap; the others are excluded
    (missing,) = result.unallocated
    assert "Name W1 is at the court cap (0 of 0)." in missing.reason
    assert "excluded" in missing.reason
    assert any("court cap is 0" in w for w in result.warnings)
    for team in prepare(data).teams:
        assert validate(team.instance, solve_team(team, CONFIG)) == []
