"""Hard rule 5: the court cap."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, solve


def test_worker_at_the_cap_gets_no_new_family_even_a_non_court_one() -> None:
    instance = Instance(
        "T",
        (worker("W1", load=0, court_load=3, court_cap=3), worker("W2", load=1500)),
        (family("F1", ("W1", "W2")),),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W2"}


def test_court_families_beyond_the_cap_are_split_or_left() -> None:
    instance = Instance(
        "T",
        (worker("W1", load=0, court_load=1, court_cap=2),),
        (family("F1", ("W1",), court=True), family("F2", ("W1",), court=True)),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert sorted(w or "-" for w in solution.assignment.values()) == ["-", "W1"]


def test_below_the_cap_the_rule_does_not_bite() -> None:
    instance = Instance(
        "T",
        (worker("W1", load=0, court_load=0, court_cap=3),),
        (family("F1", ("W1",), court=True), family("F2", ("W1",), court=True)),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W1", "F2": "W1"}
