"""alternatives: every worker of the team for one family, ranked as the validator measures.

The ranking is checked against a brute evaluation that uses only the solver-free validator
(its pair audits say who may take the family; the registry's aim values rank them), and
every impossible worker's sentence against what "why not?" and the choice check say.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

import pytest
from test_allocation_builders import child, team_data, worker
from test_allocation_reasons import open_loads

from fsp_allocator.allocation.alternatives import LEAD_AIMS, alternatives, current_plan
from fsp_allocator.allocation.choice_check import check_choices
from fsp_allocator.allocation.instance_builder import prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.service import propose
from fsp_allocator.allocation.why_not import why_not
from fsp_allocator.demo import generate
from fsp_allocator.domain import FamilyId, Role, Stage, TeamData, TeamName, WorkerId
from solver import Instance, Solution, SolverConfig, SolveStatus
from solver.rules import PAIR_RULES, PLAN, fixed_worker
from solver.validation import pair_audit

CONFIG = SolverConfig(time_limit_seconds=10)
NORTH = TeamName("North")


def _small() -> TeamData:
    workers = [
        worker("W1", court_cap=1),
        worker("W2"),
        worker("W3", Role.ASYE),
        worker("W4", accepting=False),
        worker("W5", fte=0.4),
        worker("W6"),
        worker("W7"),
        worker("S1", team="South"),
    ]
    kids = [
        *open_loads("W1", 1, Stage.COURT),
        *open_loads("W2", 6),
        *open_loads("W5", 5),
        *open_loads("W6", 3),
        child("C1", "F1", Stage.COURT, team=NORTH, exclude_worker_ids=(WorkerId("W7"),)),
        child("C2", "F2", Stage.CIN, previous_worker_id=WorkerId("W2"), team=NORTH),
        child("C3", "F3", Stage.CIN, team=NORTH),
        child("S9", "S9", Stage.CIN, team=TeamName("South")),
    ]
    return team_data(workers, kids)


@pytest.fixture(scope="module")
def small() -> tuple[TeamData, AllocationProposal]:
    data = _small()
    return data, propose(data, CONFIG)


@pytest.fixture(scope="module")
def demo() -> tuple[TeamData, AllocationProposal]:
    data = generate(teams=1, seed=5, week=date(2026, 11, 23))
    return data, propose(data, CONFIG)


def _brute(instance: Instance, plan: Mapping[str, str | None], family_id: str) -> list[str]:
    """The workers the validator lets take the family (everything else fixed), ranked by
    the registry's aim values, ties by id."""
    scored = []
    for lead in instance.workers:
        moved = Solution(SolveStatus.FEASIBLE, MappingProxyType({**plan, family_id: lead.id}))
        problems = fixed_worker.audit(instance, moved)
        for rule in PAIR_RULES:
            if rule.kind != PLAN:
                problems += pair_audit(rule, instance, moved)
        if not problems:
            scored.append((tuple(a.value(instance, moved) for a in LEAD_AIMS), lead.id))
    return [wid for _, wid in sorted(scored)]


@pytest.mark.parametrize("which", ["small", "demo"])
def test_ranked_order_matches_the_validators_brute_evaluation(
    which: str, request: pytest.FixtureRequest
) -> None:
    data, proposal = request.getfixturevalue(which)
    plan = current_plan(proposal, {})
    for team in prepare(data).teams:
        assignment = {f.id: plan.get(FamilyId(f.id)) for f in team.instance.families}
        for family_id in team.families:
            ranked = alternatives(data, proposal, {}, family_id)
            possible = [a.worker_id for a in ranked if a.possible]
            assert possible == _brute(team.instance, assignment, family_id), family_id
            assert [a.possible for a in ranked] == sorted(
                (a.possible for a in ranked), reverse=True
            ), "the possible first"
            assert {a.worker_id for a in ranked} == {
                w.worker_id for w in data.workers if w.team == team.team
            }, "every worker of the team"


def test_with_a_choice_the_ranking_is_measured_on_the_chosen_plan(
    small: tuple[TeamData, AllocationProposal],
) -> None:
    data, proposal = small
    f3 = FamilyId("F3")
    other = next(a.worker_id for a in alternatives(data, proposal, {}, f3) if not a.current)
    choices = {f3: other}
    plan = current_plan(proposal, choices)
    team = prepare(data).teams[0]
    assignment = {f.id: plan.get(FamilyId(f.id)) for f in team.instance.families}
    for family_id in team.families:
        ranked = alternatives(data, proposal, choices, family_id)
        possible = [a.worker_id for a in ranked if a.possible]
        assert possible == _brute(team.instance, assignment, family_id), family_id


def test_costs_are_deltas_against_the_current_plan(
    small: tuple[TeamData, AllocationProposal],
) -> None:
    data, proposal = small
    ranked = alternatives(data, proposal, {}, "F3")
    current = next(a for a in ranked if a.current)
    assert set(current.cost.values()) == {0}
    assert list(current.cost) == [a.name for a in LEAD_AIMS]
    assert current.reason == "Leads the family in the current plan."
    for alt in ranked:
        if alt.possible:
            assert alt.load_after > alt.load_before


def test_every_impossible_reason_is_the_rules_own_sentence(
    small: tuple[TeamData, AllocationProposal],
) -> None:
    data, proposal = small
    final = dict(current_plan(proposal, {}))
    for family_id in ("F1", "F2", "F3"):
        for alt in alternatives(data, proposal, {}, family_id):
            if alt.possible:
                continue
            assert alt.rule and alt.reason
            if alt.rule.startswith(("Rule 5", "Rule 7")):  # a cap on top of the plan
                choice = {**final, FamilyId(family_id): alt.worker_id}
                said = check_choices(data, choice, frozenset({FamilyId(family_id)}))
                assert [w.rule.split(":")[0] for w in said.warnings] == [alt.rule.split(":")[0]]
                assert said.warnings[0].sentence.startswith(alt.reason.rstrip("."))
            else:
                answer = why_not(data, proposal, family_id, alt.worker_id, CONFIG)
                assert answer.summary == f"Not possible. {alt.reason}", (family_id, alt)


def test_an_excluded_and_a_full_worker_appear_with_their_reasons(
    small: tuple[TeamData, AllocationProposal],
) -> None:
    data, proposal = small
    ranked = {a.worker_id: a for a in alternatives(data, proposal, {}, "F1")}
    excluded = ranked[WorkerId("W7")]
    assert not excluded.possible
    assert excluded.rule == "Rule 4: Not excluded by the manager"
    assert excluded.reason == "Name W7 is excluded from this family by the manager."
    full = ranked[WorkerId("W5")]
    assert not full.possible and full.rule == "Rule 7: Load ceiling"
    assert "the ceiling is 120%" in full.reason
    assert full.load_after > full.load_before
    capped = {a.worker_id: a for a in alternatives(data, proposal, {}, "F2")}[WorkerId("W1")]
    assert capped.rule == "Rule 5: Court cap reached" and "court cap (1 of 1)" in capped.reason
    other_team = ranked.get(WorkerId("S1"))
    assert other_team is None, "only the family's own team is listed"


def test_choices_change_the_plan_it_is_measured_on(
    small: tuple[TeamData, AllocationProposal],
) -> None:
    data, proposal = small
    plan = current_plan(proposal, {})
    moved = next(
        a.worker_id for a in alternatives(data, proposal, {}, "F3") if not a.current and a.possible
    )
    ranked = alternatives(data, proposal, {FamilyId("F3"): moved}, "F3")
    assert next(a for a in ranked if a.current).worker_id == moved != plan[FamilyId("F3")]


def test_same_input_same_output(demo: tuple[TeamData, AllocationProposal]) -> None:
    data, proposal = demo
    family = sorted({c.family_id for c in data.new_children()})[0]
    assert alternatives(data, proposal, {}, family) == alternatives(data, proposal, {}, family)
    assert alternatives(data, proposal, {}, "no-such-family") == ()
