"""The rebalance model: every frontier point equals a brute force over every plan on small
teams, keeps every hard rule (the validator runs on each), and is the same on every run."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rebalance_builders import brute_force, random_instance

from solver.rebalance import (
    FrontierPoint,
    MovingFamily,
    RebalanceInstance,
    TeamWorker,
    greedy_rehome,
    solve_rebalance,
    validate_point,
    validate_rebalance,
)
from solver.rebalance.figures import aim_values, frontier_figures


@pytest.mark.parametrize("seed", range(24))
def test_every_frontier_point_is_the_brute_force_optimum(seed: int) -> None:
    instance = random_instance(seed, workers=4, families=6, k=2)
    solution = solve_rebalance(instance)
    assert validate_rebalance(instance, solution) == []
    assert [p.moves for p in solution.points] == [0, 1, 2]
    for point in solution.points:
        assert point.proven
        assert tuple(point.aim_values.values()) == brute_force(instance, point.moves)


def test_chosen_point_is_the_fewest_moves_reaching_the_best_balance() -> None:
    for seed in range(10):
        instance = random_instance(seed, workers=4, families=6, k=2)
        solution = solve_rebalance(instance)
        best = min(tuple(aim_values(instance, p.assignment).values())[:5] for p in solution.points)
        chosen = solution.plan
        assert tuple(aim_values(instance, chosen.assignment).values())[:5] == best
        assert (
            chosen.used_moves == chosen.moves
            or chosen.moves == 0
            or chosen.used_moves <= chosen.moves
        )


def _worker(wid: str, load: int, balanced: bool = True, court: int = 0) -> TeamWorker:
    return TeamWorker(wid, 1000, 1200, load, court, 3, balanced)


def test_a_voluntary_move_makes_room_for_a_forced_family() -> None:
    """W1 is full; moving its small family to W2 lets the forced family fit on W1 only."""
    workers = (_worker("L", 500, balanced=False), _worker("W1", 1100), _worker("W2", 900))
    forced = MovingFamily("F", "L", 200, False, True, 0, 0, eligible=("W1",))
    small = MovingFamily("S", "W1", 200, False, False, 3, 0, eligible=("W2",))
    instance = RebalanceInstance("T", workers, (forced, small), max_moves=1)
    solution = solve_rebalance(instance)
    assert validate_rebalance(instance, solution) == []
    k0, k1 = solution.points
    assert k0.assignment["F"] is None  # 1100 + 200 > 1200
    assert k1.assignment == {"F": "W1", "S": "W2"}
    assert solution.plan is k1


def test_fixed_family_goes_to_its_worker_over_the_caps() -> None:
    workers = (_worker("L", 500, balanced=False), _worker("W1", 1190, court=3), _worker("W2", 0))
    sibling = MovingFamily("F", "L", 300, True, True, 0, 0, ("W1", "W2"), fixed_worker="W1")
    instance = RebalanceInstance("T", workers, (sibling,), 0)
    solution = solve_rebalance(instance)
    assert solution.plan.assignment == {"F": "W1"}
    assert validate_rebalance(instance, solution) == []


def test_validator_catches_each_broken_rule() -> None:
    workers = (
        _worker("L", 500, balanced=False),
        _worker("W1", 1100, court=3),
        _worker("W2", 0),
        _worker("W3", 1000),
    )
    court = MovingFamily("C", "L", 100, True, True, 0, 0, ("W1", "W2"))
    heavy = MovingFamily("H", "L", 300, False, True, 1, 0, ("W1", "W2", "W3"))
    vol = MovingFamily("V", "W1", 100, False, False, 3, 0, ("W2",))
    instance = RebalanceInstance("T", workers, (court, heavy, vol), 0)

    def point(assignment: dict[str, str | None], moves: int = 0) -> FrontierPoint:
        highest, over = frontier_figures(instance, assignment)
        used = sum(1 for f in instance.families if not f.forced and assignment.get(f.id))
        return FrontierPoint(moves, assignment, highest, over, used, True)

    assert validate_point(instance, point({"C": "W2", "H": "W2", "V": None})) == []
    assert any(
        "Court cap" in p for p in validate_point(instance, point({"C": "W1", "H": "W2", "V": None}))
    )
    assert any(
        "Load ceiling" in p
        for p in validate_point(instance, point({"C": "W2", "H": "W3", "V": None}))
    )
    assert any(
        "would fit" in p for p in validate_point(instance, point({"C": "W2", "H": None, "V": None}))
    )
    assert any(
        "voluntary" in p for p in validate_point(instance, point({"C": "W2", "H": "W2", "V": "W2"}))
    )
    assert any(
        "ineligible" in p
        for p in validate_point(instance, point({"C": "W2", "H": "W2", "V": "W3"}, 1))
    )
    assert any(
        "own worker" in p for p in validate_point(instance, point({"C": "W2", "H": "L", "V": None}))
    )
    wrong = replace(point({"C": "W2", "H": "W2", "V": None}), max_load_ratio=0.1)
    assert any("reports" in p for p in validate_point(instance, wrong))


def test_same_input_same_output() -> None:
    instance = random_instance(7, workers=5, families=8, k=3)
    first, second = solve_rebalance(instance), solve_rebalance(instance)
    assert [p.assignment for p in first.points] == [p.assignment for p in second.points]
    assert first.chosen == second.chosen


def test_by_hand_baseline_keeps_every_rule() -> None:
    for seed in range(20):
        instance = random_instance(seed, workers=4, families=6, k=0)
        plan = greedy_rehome(instance)
        highest, over = frontier_figures(instance, plan)
        assert validate_point(instance, FrontierPoint(0, plan, highest, over, 0, False)) == []
