"""The rebalance service: every team's frontier, solved side by side, then assembled.

Teams are independent (rule 8). Each team gets the whole `time_limit_seconds` for its
frontier; results are collected by team name, so they never depend on finishing order.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor

from fsp_allocator.domain import TeamData, WorkerId
from fsp_allocator.rebalance.assemble import assemble
from fsp_allocator.rebalance.builder import TeamRebalance, prepare_rebalance
from fsp_allocator.rebalance.result import RebalanceResult
from solver import CancelToken, SolverConfig
from solver.rebalance import RebalanceSolution, solve_rebalance

TeamDone = Callable[[str, RebalanceSolution], None]
PointDone = Callable[[str, int, int], None]


def _solve(
    team: TeamRebalance,
    config: SolverConfig,
    on_point: PointDone | None,
    cancel: CancelToken | None,
) -> RebalanceSolution:
    return solve_rebalance(team.instance, config, on_point, cancel)


def rebalance(
    data: TeamData,
    release: Collection[WorkerId] = (),
    max_moves: int = 0,
    config: SolverConfig | None = None,
    on_team_done: TeamDone | None = None,
    on_point: PointDone | None = None,
    cancel: CancelToken | None = None,
) -> RebalanceResult:
    """Re-home the released caseloads and relieve overload with at most `max_moves` per team."""
    config = config or SolverConfig()
    started = time.monotonic()
    preparation = prepare_rebalance(data, release, max_moves)
    teams = preparation.teams
    solutions: dict[str, RebalanceSolution] = {}
    pool_size = max(1, min(len(teams), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="rebalance") as pool:
        futures = {t.team: pool.submit(_solve, t, config, on_point, cancel) for t in teams}
        for t in teams:
            solutions[t.team] = futures[t.team].result()
            if on_team_done is not None:
                on_team_done(t.team, solutions[t.team])
    return assemble(data, preparation, solutions, time.monotonic() - started, max_moves)
