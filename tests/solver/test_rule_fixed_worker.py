"""Hard rule 2/9: a fixed family goes to its worker even over the caps, then nothing else."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, SolveStatus, solve


def test_fixed_family_goes_to_its_worker_over_the_load_ceiling() -> None:
    full = worker("W1", capacity=1000, load=1200)  # at the ceiling already
    instance = Instance(
        "T",
        (full, worker("W2", load=0)),
        (family("F1", ("W1", "W2"), fixed_worker="W1"), family("F2", ("W1", "W2"))),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W1", "F2": "W2"}


def test_fixed_court_family_over_the_cap_stops_further_families() -> None:
    capped = worker("W1", load=0, court_load=2, court_cap=2)
    instance = Instance(
        "T",
        (capped,),
        (family("F1", ("W1",), court=True, fixed_worker="W1"), family("F2", ("W1",))),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W1", "F2": None}


def test_fixed_worker_who_may_not_lead_the_family_is_infeasible_input() -> None:
    instance = Instance(
        "T", (worker("W1"), worker("W2")), (family("F1", ("W2",), fixed_worker="W1"),)
    )
    solution = solve(instance)
    assert solution.status is SolveStatus.INFEASIBLE_INPUT
    assert "F1" in solution.message and "W1" in solution.message
    assert_valid(instance, solution)
