"""A team's frontier: the lexicographic optimum for k = 0, 1, ... max_moves voluntary moves.

Each point is solved on its own model (the forced placement may differ from point to
point), hinted with the previous point's plan, which is feasible for the next (with
`chains`, the previous point of its own chain: a lone team uses the spare cores). The result
uses the point whose plan is best by aims 1-3 (recomputed from each plan), the smallest k
among equals: when every point is proven, that is k = the moves the k = max_moves plan
made (aim 4 makes that the fewest).
A point a limit stopped is marked `proven=False`; one with no plan at all takes the
by-hand baseline (also `proven=False`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from solver.progress import CancelToken
from solver.rebalance.figures import aim_values, balance_rank, frontier_figures
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
    return balance_rank(aim_values(instance, point.assignment))


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
    chains: int = 1,
) -> RebalanceSolution:
    """Every frontier point of one team, within `config.time_limit_seconds` in all.

    `chains` > 1 solves the points on that many threads, k = c, c + chains, ... each hinted
    with its own chain's last plan (feasible for any larger k): for a team alone on a
    machine with cores to spare. Every point is the same optimum either way.
    """
    config = config or SolverConfig()
    started = time.monotonic()
    deadline = started + config.time_limit_seconds
    total = instance.max_moves + 1
    chains = max(1, min(chains, total))
    search = _Search(instance, config, deadline, total, on_point, cancel)
    if chains == 1:
        search.chain(range(total))
    else:
        with ThreadPoolExecutor(max_workers=chains, thread_name_prefix="frontier") as pool:
            list(pool.map(search.chain, (range(c, total, chains) for c in range(chains))))
    points = search.prefix()
    cancelled = cancel is not None and cancel.cancelled
    if not points:
        points.append(_baseline_point(instance, 0))
    chosen = min(range(len(points)), key=lambda i: (_rank(instance, points[i]), i))
    proven = all(p.proven for p in points) and not cancelled and len(points) == total
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


def _same_optimum(before: FrontierPoint, after: FrontierPoint) -> bool:
    """Both proven and equal in every aim: the earlier plan is the later point's optimum."""
    return before.proven and after.proven and before.aim_values == after.aim_values


class _Search:
    """The points found so far, shared by the chains, and the saturated point if any."""

    def __init__(
        self,
        instance: RebalanceInstance,
        config: SolverConfig,
        deadline: float,
        total: int,
        on_point: PointCallback | None,
        cancel: CancelToken | None,
    ) -> None:
        self.instance, self.config, self.deadline, self.total = instance, config, deadline, total
        self.on_point, self.cancel = on_point, cancel
        self.found: dict[int, FrontierPoint] = {}
        self.saturated: FrontierPoint | None = None  # proven best with any number of moves
        self.lock = threading.Lock()

    def chain(self, ks: range) -> None:
        """Solve the points `ks` in order, each hinted with the one before it in the chain."""
        hint: dict[str, str | None] | None = None
        previous: FrontierPoint | None = None
        instance = self.instance
        for i, k in enumerate(ks):
            if self.cancel is not None and self.cancel.cancelled:
                return
            with self.lock:
                saturated = self.saturated
            # Each point a fair share of the time left, so one hard point cannot starve the
            # rest (time an easy point leaves unused passes on to the later ones).
            share = (self.deadline - time.monotonic()) / (len(ks) - i)
            if saturated is not None and saturated.moves < k:
                point = replace(saturated, moves=k)
            else:
                # the chain's own point k - 1 only (never another thread's): same output
                one_fewer = None
                if previous is not None and previous.moves == k - 1 and previous.proven:
                    one_fewer = previous.aim_values
                point = solve_point(
                    instance,
                    k,
                    self.config,
                    time.monotonic() + share,
                    hint,
                    self.cancel,
                    one_fewer,
                )
                if not point.aim_values:
                    point = _baseline_point(instance, k)
                if saturated is None and point.proven and point.used_moves < k < instance.max_moves:
                    found = _saturated(instance, point, self.config, share, self.cancel)
                    with self.lock:
                        if found is not None and (
                            self.saturated is None or found.moves < self.saturated.moves
                        ):
                            self.saturated = found
            with self.lock:
                self.found[k] = point
                done = len(self.found)
            if self.on_point is not None:
                self.on_point(instance.team, done, self.total)
            hint = dict(point.assignment)
            previous = point

    def prefix(self) -> list[FrontierPoint]:
        """The points k = 0, 1, ... solved without a gap (a cancel may leave later ones), each
        never worse than the point before: a point a limit stopped worse than that takes its
        plan instead (feasible with more moves), still marked not proven. A proven point
        equal in every aim to the one before takes its plan too, so which thread found what
        first never changes a plan (same input, same output)."""
        points: list[FrontierPoint] = []
        for k in range(self.total):
            point = self.found.get(k)
            if point is None:
                break
            if points and _rank(self.instance, points[-1]) < _rank(self.instance, point):
                point = replace(points[-1], moves=k, proven=False)
            elif points and _same_optimum(points[-1], point):
                point = replace(points[-1], moves=k)
            points.append(point)
        return points
