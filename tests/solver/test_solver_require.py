"""Forced choices (`require`): the core's "why not Sam?" re-solve."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, SolveStatus, solve


def two_workers() -> Instance:
    return Instance(
        "T",
        (worker("W1", load=200), worker("W2", load=1200, court_load=3, court_cap=3)),
        (family("F1", ("W1", "W2")), family("F2", ("W1", "W2"), court=True)),
    )


def test_forced_choice_is_honoured_and_its_cost_shows() -> None:
    instance = Instance(
        "T",
        (worker("W1", load=200), worker("W2", load=1200)),
        (family("F1", ("W1", "W2")),),
    )
    free = solve(instance)
    forced = solve(instance, require={"F1": "W2"})
    assert free.assignment == {"F1": "W1"}
    assert forced.assignment == {"F1": "W2"}
    assert_valid(instance, forced)
    name = "Lowest highest load ÷ capacity"
    assert forced.aim_values[name] > free.aim_values[name]


def test_forced_choice_over_the_court_cap_is_infeasible_input() -> None:
    instance = two_workers()
    solution = solve(instance, require={"F2": "W2"})
    assert solution.status is SolveStatus.INFEASIBLE_INPUT
    assert solution.message.startswith("Court cap reached")
    assert_valid(instance, solution)


def test_forced_choices_that_together_break_the_ceiling_are_infeasible_input() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1000), worker("W2")),
        (family("F1", ("W1", "W2"), weight=150), family("F2", ("W1", "W2"), weight=100)),
    )
    assert solve(instance, require={"F1": "W1"}).status is SolveStatus.OPTIMAL
    both = solve(instance, require={"F1": "W1", "F2": "W1"})
    assert both.status is SolveStatus.INFEASIBLE_INPUT
    assert both.message.startswith("Load ceiling")


def test_forced_choice_of_an_ineligible_worker_says_so() -> None:
    instance = Instance("T", (worker("W1"), worker("W2")), (family("F1", ("W1",)),))
    solution = solve(instance, require={"F1": "W2"})
    assert solution.status is SolveStatus.INFEASIBLE_INPUT
    assert "Not eligible" in solution.message
