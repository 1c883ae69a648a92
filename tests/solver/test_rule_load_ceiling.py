"""Hard rule 7: no non-fixed family takes a worker above their load ceiling."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, solve


def test_heavy_family_goes_to_the_worker_with_room() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1100), worker("W2", capacity=1000, load=1150)),
        (family("F1", ("W1", "W2"), weight=100),),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W1"}  # W2 would reach 1250 > 1200


def test_family_that_fits_nowhere_is_unallocated() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1150),),
        (family("F1", ("W1",), weight=100), family("F2", ("W1",), weight=50)),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": None, "F2": "W1"}


def test_fixed_weight_counts_against_the_ceiling_for_other_families() -> None:
    instance = Instance(
        "T",
        (worker("W1", capacity=1000, load=1000),),
        (family("F1", ("W1",), weight=150, fixed_worker="W1"), family("F2", ("W1",), weight=100)),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W1", "F2": None}
