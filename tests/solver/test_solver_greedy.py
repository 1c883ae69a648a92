"""The greedy plan: urgency then referral order, lowest ratio after, within the hard rules."""

from __future__ import annotations

from types import MappingProxyType

from solver_builders import assert_valid, family, worker

from solver import Instance, Solution, SolveStatus, greedy_plan


def as_solution(plan: dict[str, str | None]) -> Solution:
    return Solution(SolveStatus.FEASIBLE, MappingProxyType(plan))


def test_greedy_takes_the_most_urgent_first_and_the_freest_worker() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1100), worker("W2", capacity=1000, load=1150)),
        (family("CIN", ("W1", "W2"), urgency=3), family("CP", ("W1", "W2"), urgency=0)),
    )
    plan = greedy_plan(instance)
    assert plan == {"CIN": None, "CP": "W1"}
    assert_valid(instance, as_solution(plan))


def test_greedy_places_fixed_and_forced_families_first() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1100), worker("W2", capacity=1000, load=0)),
        (family("F1", ("W1", "W2")), family("F2", ("W1",), fixed_worker="W1")),
    )
    assert greedy_plan(instance) == {"F1": "W2", "F2": "W1"}
    assert greedy_plan(instance, {"F1": "W1"}) == {"F1": "W1", "F2": "W1"}
