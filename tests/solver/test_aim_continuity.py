"""Aim 2: a family goes back to the worker who knows it, when that worker can take it."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, solve


def test_family_goes_back_to_its_previous_worker_over_balance() -> None:
    instance = Instance(
        "T",
        (worker("W1", load=1400), worker("W2", load=200)),
        (family("F1", ("W1", "W2"), previous_worker="W1"),),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W1"}
    assert solution.aim_values["Keep families with the worker who knows them"] == 0


def test_previous_worker_at_the_ceiling_does_not_get_it() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1200), worker("W2", load=200)),
        (family("F1", ("W1", "W2"), previous_worker="W1"),),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W2"}


def test_continuity_never_costs_an_allocation() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1100), worker("W2", capacity=1000, load=1100)),
        (
            family("F1", ("W1", "W2"), previous_worker="W1"),
            family("F2", ("W1",), previous_worker="W1"),
        ),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W2", "F2": "W1"}
    penalties = [p for p in solution.penalties if p.rule.startswith("Not kept")]
    assert [(p.family_id, p.worker_id) for p in penalties] == [("F1", "W1")]
