"""why_not: ineligible or capped workers say why; otherwise a re-solve says what it costs."""

from __future__ import annotations

from test_allocation_builders import child, team_data, worker
from test_allocation_reasons import open_loads

from fsp_allocator.allocation.instance_builder import prepare
from fsp_allocator.allocation.service import propose, solve_team
from fsp_allocator.allocation.why_not import why_not
from fsp_allocator.domain import FamilyId, Role, Stage, TeamData, TeamName, WorkerId
from solver import SolverConfig
from solver.validation import validate

CONFIG = SolverConfig(time_limit_seconds=10)
NORTH = TeamName("North")


def _data() -> TeamData:
    workers = [
        worker("W1", court_cap=1),
        worker("W2"),
        worker("W3", Role.ASYE),
        worker("W4", accepting=False),
        worker("S1", team="South"),
        worker("W5", fte=0.4),
    ]
    kids = [
        *open_loads("W1", 1, Stage.COURT),
        *open_loads("W2", 6),
        *open_loads("W5", 5),
        child("C1", "F1", Stage.COURT, team=NORTH),
        child("C2", "F2", Stage.CIN, previous_worker_id=WorkerId("W2"), team=NORTH),
        child("S9", "S9", Stage.CIN, team=TeamName("South")),
    ]
    return team_data(workers, kids)


def test_ineligible_and_capped_workers_say_why() -> None:
    data = _data()
    proposal = propose(data, CONFIG)
    asye = why_not(data, proposal, "F1", "W3")
    assert not asye.possible and "newly qualified (ASYE)" in asye.summary
    closed = why_not(data, proposal, "F1", "W4")
    assert not closed.possible and "not accepting new cases" in closed.summary
    other_team = why_not(data, proposal, "F1", "S1")
    assert not other_team.possible and "works in South" in other_team.summary
    capped = why_not(data, proposal, "F2", "W1")
    assert not capped.possible and "court cap (1 of 1)" in capped.summary
    ceiling = why_not(data, proposal, "F1", "W5")
    assert not ceiling.possible and "the ceiling is 120%" in ceiling.summary


def test_possible_with_its_cost_in_words() -> None:
    data = _data()
    proposal = propose(data, CONFIG)
    assert {a.family_id: a.worker_id for a in proposal.allocations}[FamilyId("F2")] == "W2"
    answer = why_not(data, proposal, "F2", "W5")
    assert answer.possible
    assert answer.summary.startswith("Possible. It would cost:")
    assert "1 fewer family kept with its known worker" in answer.summary
    assert "the highest load would rise" in answer.summary
    assert any("Name W5's load goes from" in d for d in answer.details)


def test_already_the_worker_and_unknown_family() -> None:
    data = _data()
    proposal = propose(data, CONFIG)
    assert why_not(data, proposal, "F2", "W2").possible
    assert not why_not(data, proposal, "NOPE", "W2").possible


def test_solutions_behind_the_answers_are_valid() -> None:
    for team in prepare(_data()).teams:
        assert validate(team.instance, solve_team(team, CONFIG)) == []
        if "F2" in team.families:
            forced = solve_team(team, CONFIG, require={"F2": "W5"})
            assert forced.assignment["F2"] == "W5"
            assert validate(team.instance, forced) == []
