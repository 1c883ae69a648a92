"""Aim 3: no one above capacity where avoidable; lowest highest ratio; smallest spread."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, solve


def test_work_goes_to_the_worker_it_keeps_under_capacity() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=950), worker("W2", capacity=1000, load=900)),
        (family("F1", ("W1", "W2"), weight=100),),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W2"}
    assert solution.aim_values["No one above capacity where avoidable"] == 0


def test_someone_already_overloaded_does_not_blind_the_balance() -> None:
    overloaded = worker("W0", capacity=1000, load=1600)  # holds a fixed family
    instance = Instance(
        "T",
        (overloaded, worker("W1", capacity=1000, load=500), worker("W2", capacity=1000, load=300)),
        (
            family("F0", ("W0",), fixed_worker="W0"),
            family("F1", ("W1", "W2"), weight=200),
            family("F2", ("W1", "W2"), weight=200),
        ),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    # both to W2 gives 0.7 at most; splitting gives 0.7 and 0.5; both to W1 gives 0.9
    assert [solution.assignment["F1"], solution.assignment["F2"]].count("W1") < 2
    assert solution.aim_values["Lowest highest load ÷ capacity"] == 700


def test_spread_breaks_ties_the_maximum_leaves() -> None:
    instance = Instance(
        "T",
        (
            worker("W1", capacity=1000, load=800),
            worker("W2", capacity=1000, load=200),
            worker("W3", capacity=1000, load=200),
        ),
        (family("F1", ("W2", "W3"), weight=100), family("F2", ("W2", "W3"), weight=100)),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert {solution.assignment["F1"], solution.assignment["F2"]} == {"W2", "W3"}


def test_balance_never_costs_continuity() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1000), worker("W2", capacity=1000, load=0)),
        (family("F1", ("W1", "W2"), previous_worker="W1"),),
    )
    solution = solve(instance)
    assert solution.assignment == {"F1": "W1"}
    assert solution.aim_values["No one above capacity where avoidable"] == 100
