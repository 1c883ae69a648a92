"""The rebalance service: every team's frontier, solved side by side, then assembled.

Teams are independent (rule 8). Each team gets the whole `time_limit_seconds` for its
frontier; results are collected by team name, so they never depend on finishing order.
`rebalance()` is `run_rebalance(...).result()`: the plan each team's solve chose.
"""

from __future__ import annotations

from collections.abc import Collection

from fsp_allocator.domain import TeamData, WorkerId
from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.rebalance.run import PointDone, RebalanceRun, TeamDone, run_rebalance
from solver import CancelToken, SolverConfig

__all__ = ["PointDone", "RebalanceRun", "TeamDone", "rebalance", "run_rebalance"]


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
    return run_rebalance(data, release, max_moves, config, on_team_done, on_point, cancel).result()
