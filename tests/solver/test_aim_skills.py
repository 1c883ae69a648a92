"""Aim 4: skills and locality matched, but never at the cost of balance."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, solve


def test_better_match_wins_when_balance_is_equal() -> None:
    instance = Instance(
        "T",
        (worker("W1", load=500), worker("W2", load=500)),
        (family("F1", ("W1", "W2"), match={"W1": 0, "W2": 2}),),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W2"}
    assert solution.aim_values["Match skills and locality"] == 0


def test_match_does_not_buy_imbalance() -> None:
    instance = Instance(
        "T",
        (worker("W1", load=300), worker("W2", load=1400)),
        (family("F1", ("W1", "W2"), match={"W1": 0, "W2": 2}),),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"F1": "W1"}
    penalty = next(p for p in solution.penalties if p.rule == "Skills or locality not matched")
    assert (penalty.family_id, penalty.worker_id, penalty.cost) == ("F1", "W1", 2)
