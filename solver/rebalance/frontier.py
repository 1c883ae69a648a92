"""A team's frontier: the lexicographic optimum for k = 0, 1, ... max_moves voluntary moves.

Each point is solved on its own model (the forced placement may differ from point to
point), hinted with the previous point's plan, which is feasible for the next. The result
uses the point whose plan is best by aims 1-3 (recomputed from each plan), the smallest k
among equals: when every point is proven, that is k = the moves the k = max_moves plan
made (aim 4 makes that the fewest).
A point a limit stopped is marked `proven=False`; one with no plan at all takes the
by-hand baseline (also `proven=False`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from solver.progress import CancelToken
from solver.rebalance.figures import aim_values, frontier_figures
from solver.rebalance.greedy import greedy_rehome
from solver.rebalance.instance import RebalanceInstance
from solver.rebalance.model import solve_point
from solver.rebalance.solution import FrontierPoint, RebalanceSolution
from solver.solution import SolverConfig, SolveStatus

PointCallback = Callable[[str, int, int], None]  # team, points done, points in all


def _baseline_point(instance: RebalanceInstance, k: int) -> FrontierPoint:
    assignment = greedy_rehome(instance)
    highest, over = frontier_figures(instance, assignment)
    return FrontierPoint(k, assignment, highest, over, 0, False)


def _rank(instance: RebalanceInstance, point: FrontierPoint) -> tuple[int, ...]:
    """Aims 1-3 of the point's plan, recomputed: the best of them is the result."""
    return tuple(aim_values(instance, point.assignment).values())[:5]


def _saturated(
    instance: RebalanceInstance,
    point: FrontierPoint,
    config: SolverConfig,
    seconds: float,
    cancel: CancelToken | None,
) -> FrontierPoint | None:
    """`point` when no number of moves does better, else None.

    Point k left moves unused: solve once with every candidate allowed (within one point's
    time). The plans allowed grow with k, so if that optimum equals point k's, point k's
    plan is the proven optimum of every later point too, and they need no search (the team
    benchmark's last four points). Unproven or better: each later point is solved.
    """
    everyone = sum(1 for f in instance.families if not f.forced)
    unlimited = solve_point(
        instance, everyone, config, time.monotonic() + seconds, point.assignment, cancel
    )
    if unlimited.proven and unlimited.aim_values == point.aim_values:
        return point
    return None


def solve_rebalance(
    instance: RebalanceInstance,
    config: SolverConfig | None = None,
    on_point: PointCallback | None = None,
    cancel: CancelToken | None = None,
) -> RebalanceSolution:
    """Every frontier point of one team, within `config.time_limit_seconds` in all."""
    config = config or SolverConfig()
    started = time.monotonic()
    deadline = started + config.time_limit_seconds
    points: list[FrontierPoint] = []
    hint = None
    cancelled = False
    total = instance.max_moves + 1
    saturated: FrontierPoint | None = None  # proven best with any number of moves
    for k in range(total):
        if cancel is not None and cancel.cancelled:
            cancelled = True
            break
        # Each point a fair share of the time left, so one hard point cannot starve the
        # rest (time an easy point leaves unused passes on to the later ones).
        share = (deadline - time.monotonic()) / (total - k)
        if saturated is not None:
            point = replace(saturated, moves=k)
        else:
            point = solve_point(instance, k, config, time.monotonic() + share, hint, cancel)
            if not point.aim_values:
                point = _baseline_point(instance, k)
            if point.proven and point.used_moves < k < instance.max_moves:
                saturated = _saturated(instance, point, config, share, cancel)
        points.append(point)
        hint = dict(point.assignment)
        if on_point is not None:
            on_point(instance.team, k + 1, total)
    if not points:
        points.append(_baseline_point(instance, 0))
    chosen = min(range(len(points)), key=lambda i: (_rank(instance, points[i]), i))
    proven = all(p.proven for p in points) and not cancelled
    return RebalanceSolution(
        team=instance.team,
        status=SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE,
        points=tuple(points),
        chosen=chosen,
        solve_seconds=round(time.monotonic() - started, 3),
        cancelled=cancelled,
        message="Cancelled: the frontier stops at the points solved."
        if cancelled
        else ("" if proven else "A time limit stopped the search; points say which."),
    )
