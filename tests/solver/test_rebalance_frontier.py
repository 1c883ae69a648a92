"""The frontier as a manager reads it: allowing more moves never shows a worse worst caseload
unless more of the leaver's families were re-homed, and a stopped point keeps the best plan
found (never worse than the point before)."""

from __future__ import annotations

import pytest
from rebalance_builders import random_instance

from solver.rebalance import solve_rebalance, validate_rebalance
from solver.rebalance.figures import AIM_NAMES, FEWEST_MOVES, aim_values, balance_rank
from solver.solution import SolverConfig

PLACEMENT = AIM_NAMES[:2]  # re-home forced families, keep them with who knows them


@pytest.mark.parametrize("seed", range(40))
def test_worst_caseload_never_rises_with_more_moves_at_the_same_placement(seed: int) -> None:
    instance = random_instance(seed, workers=5, families=8, k=3)
    solution = solve_rebalance(instance)
    assert validate_rebalance(instance, solution) == []
    for before, after in zip(solution.points, solution.points[1:], strict=False):
        placed_before = [before.aim_values[name] for name in PLACEMENT]
        placed_after = [after.aim_values[name] for name in PLACEMENT]
        assert placed_after <= placed_before
        if placed_after == placed_before:
            assert after.max_load_ratio <= before.max_load_ratio, (before, after)


@pytest.mark.parametrize("seed", range(10))
def test_a_point_stopped_by_the_limit_is_never_worse_than_the_one_before(seed: int) -> None:
    instance = random_instance(seed, workers=5, families=8, k=3)
    stopped = solve_rebalance(instance, SolverConfig(time_limit_seconds=0.0))
    assert validate_rebalance(instance, stopped) == []
    ranks = [tuple(aim_values(instance, p.assignment).values())[:5] for p in stopped.points]
    assert ranks == sorted(ranks, reverse=True)
    assert not stopped.points[-1].proven


@pytest.mark.parametrize("seed", range(12))
def test_points_after_the_moves_stop_helping_equal_a_search_of_their_own(seed: int) -> None:
    """Once a point leaves moves unused and no number of moves does better, later points
    reuse its plan without a search: each must equal the optimum solved on its own."""
    from solver.rebalance.model import solve_point

    instance = random_instance(seed, workers=5, families=8, k=4)
    solution = solve_rebalance(instance)
    assert validate_rebalance(instance, solution) == []
    for point in solution.points:
        alone = solve_point(instance, point.moves, SolverConfig(), float("inf"))
        assert alone.proven and point.proven
        assert point.aim_values == alone.aim_values


@pytest.mark.parametrize("seed", range(12))
def test_two_chains_of_points_find_the_same_frontier_as_one(seed: int) -> None:
    """A lone team solves its points on two threads (k even, k odd): same optima."""
    instance = random_instance(seed, workers=5, families=8, k=4)
    one = solve_rebalance(instance)
    two = solve_rebalance(instance, chains=2)
    assert validate_rebalance(instance, two) == []
    assert [p.aim_values for p in two.points] == [p.aim_values for p in one.points]
    assert two.chosen == one.chosen and two.status == one.status


@pytest.mark.parametrize("seed", range(8))
def test_the_plans_do_not_depend_on_how_many_chains_ran(seed: int) -> None:
    """Same input, same output: every point's plan, not only its figures."""
    instance = random_instance(seed, workers=5, families=8, k=4)
    runs = [solve_rebalance(instance, chains=c) for c in (1, 2, 2, 3)]
    plans = [[dict(p.assignment) for p in run.points] for run in runs]
    assert all(p == plans[0] for p in plans)


@pytest.mark.parametrize("seed", range(20))
def test_a_point_that_beats_the_one_before_skips_the_fewest_moves_search(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan better than the proven optimum with one move fewer must make all k moves: the
    fewest-moves stage is proved without a search, and the point is the same as searched."""
    from solver.rebalance import model

    instance = random_instance(seed, workers=5, families=8, k=3)
    searched: list[str] = []
    stage = model._stage

    def recording(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        searched.append(str(args[5]))
        return stage(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(model, "_stage", recording)
    for k in range(1, 4):
        before = model.solve_point(instance, k - 1, SolverConfig(), float("inf"))
        searched.clear()
        alone = model.solve_point(instance, k, SolverConfig(), float("inf"), before.assignment)
        alone_searched = list(searched)
        searched.clear()
        told = model.solve_point(
            instance, k, SolverConfig(), float("inf"), before.assignment, None, before.aim_values
        )
        assert told.proven and alone.proven and told.aim_values == alone.aim_values
        beats = balance_rank(told.aim_values) < balance_rank(before.aim_values)
        assert (FEWEST_MOVES in searched) == (FEWEST_MOVES in alone_searched and not beats)
        if beats:
            assert told.used_moves == k
