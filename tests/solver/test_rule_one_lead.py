"""Hard rule 1: one lead worker per family, or none."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, SolveStatus, solve


def test_each_family_gets_one_worker_when_several_could_lead_it() -> None:
    instance = Instance(
        "T",
        (worker("W1"), worker("W2")),
        (family("F1", ("W1", "W2")), family("F2", ("W1", "W2"))),
    )
    solution = solve(instance)
    assert solution.status is SolveStatus.OPTIMAL
    assert_valid(instance, solution)
    assert all(solution.assignment[f] in {"W1", "W2"} for f in ("F1", "F2"))


def test_a_family_nobody_may_lead_is_unallocated_with_a_reason() -> None:
    instance = Instance("T", (worker("W1"),), (family("F1", ()), family("F2", ("W1",))))
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": None, "F2": "W1"}
    assert [p.family_id for p in solution.penalties if p.rule == "No eligible worker had room"] == [
        "F1"
    ]


def test_an_empty_week_is_optimal_and_empty() -> None:
    instance = Instance("T", (worker("W1"),), ())
    solution = solve(instance)
    assert solution.status is SolveStatus.OPTIMAL
    assert dict(solution.assignment) == {}
