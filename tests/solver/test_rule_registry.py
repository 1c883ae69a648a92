"""The rule registry: each rule one object, its predicate and its constraint saying the same.

For the cap rules, the model constraint (`constrain`, as another model would use it) and
the predicate (`check`) must agree on every small case; the validator must catch an aim
whose stated value the plan does not bear out.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from types import MappingProxyType

import pytest
from ortools.sat.python import cp_model
from solver_builders import family, random_instance, worker

from solver import Instance, Solution, SolveStatus, solve, validate
from solver.rules import (
    AIMS,
    CAP_RULES,
    HARD_RULES,
    PAIR_RULES,
    FamilyDemand,
    WorkerState,
    candidate_pairs,
    checks,
    first_block,
    same_team,
)
from solver.rules.terms import WeekExprs


def test_every_rule_and_aim_has_one_name() -> None:
    names = [r.name for r in HARD_RULES] + [a.name for a in AIMS]
    assert len(names) == len(set(names))
    assert all(r.kind in ("eligibility", "cap", "plan") for r in HARD_RULES)
    assert all(r.constrain is not None and r.breaks is not None for r in CAP_RULES)


def test_cap_constraints_and_predicates_agree() -> None:
    for court_before, court_now, cap, court, load, weight in itertools.product(
        range(3), range(4), range(3), (False, True), (900, 1100, 1200), (0, 100, 300)
    ):
        if court_now < court_before:
            continue
        state = WorkerState("W", 1000, 1200, load, court_now, cap, court_before)
        demand = FamilyDemand("F", weight, court)
        # the model sees the week's new court families and weight as expressions
        model = cp_model.CpModel()
        take = model.new_bool_var("take")
        model.add(take == 1)
        base = WorkerState("W", 1000, 1200, 900, court_before, cap, court_before)
        week = WeekExprs(
            base, take, (load - 900) + weight * take, (court_now - court_before) + court * take
        )
        for rule in CAP_RULES:
            assert rule.constrain is not None
            rule.constrain(model, week)
        allowed = cp_model.CpSolver().solve(model) == cp_model.OPTIMAL
        assert allowed == (first_block(state, demand, CAP_RULES) is None), (state, demand)


def test_a_fixed_family_passes_the_caps_of_its_own_worker_only() -> None:
    full = WorkerState("W1", 1000, 1200, 1200, 3, 3, 3)
    pinned = FamilyDemand("F", 100, True, fixed_worker="W1")
    assert first_block(full, pinned, CAP_RULES) is None
    block = first_block(replace(full, id="W2"), pinned)
    assert block is not None and "must go to W1" in block[1]


def test_an_overflow_model_can_leave_the_team_rule_out() -> None:
    worker_state = WorkerState("W", 1000, 1200, 500, 0, 3, 0, name="Sam", team="South")
    demand = FamilyDemand("F", 100, False, team="North")
    block = first_block(worker_state, demand)
    assert block is not None and block[0] is same_team.RULE
    assert "Sam works in South, not in North" in block[1]
    overflow = [r for r in PAIR_RULES if r is not same_team.RULE]
    assert first_block(worker_state, demand, overflow) is None


def test_the_validator_catches_a_misstated_aim() -> None:
    instance = random_instance(3, 4, 10)
    solution = solve(instance)
    assert validate(instance, solution) == []
    name = next(n for n, v in solution.aim_values.items() if v > 0)
    wrong = replace(solution, aim_values=MappingProxyType({**solution.aim_values, name: 0}))
    assert any(name in p for p in validate(instance, wrong))


def test_the_validator_names_a_cap_with_its_sentence() -> None:
    instance = Instance(
        "T", (worker("W1", court_load=1, court_cap=1),), (family("F1", ("W1",), court=True),)
    )
    plan = Solution(SolveStatus.FEASIBLE, MappingProxyType({"F1": "W1"}))
    assert validate(instance, plan) == [
        "Court cap reached broken for W1: W1 is at the court cap (1 of 1)."
    ]


def test_candidate_pairs_are_worked_out_once_and_handed_out_as_copies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instance = random_instance(3)
    worked_out: list[Instance] = []
    pairs_of = checks._pairs_of

    def counted(of: Instance) -> dict[str, tuple[str, ...]]:
        worked_out.append(of)
        return pairs_of(of)

    monkeypatch.setattr(checks, "_pairs_of", counted)
    first = candidate_pairs(instance)
    assert candidate_pairs(instance) == first
    assert worked_out == [instance]
    first[instance.families[0].id].append("someone else")  # a caller's own copy
    again = candidate_pairs(instance)
    assert again != first
    twin = replace(instance)  # an equal instance, another object: its own pairs
    assert candidate_pairs(twin) == again
    for seed in range(20):  # more instances than are kept: each still gets its own
        other = random_instance(seed)
        assert candidate_pairs(other) == candidate_pairs(replace(other))
    assert candidate_pairs(instance) == again
