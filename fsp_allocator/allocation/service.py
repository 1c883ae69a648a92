"""The allocation service: propose the week's allocation for every team of a workbook.

Teams are independent (rule 8), so each is its own small CP-SAT solve; they run side by
side on a thread pool the size of the machine (CP-SAT releases the GIL). Results are
collected by team name, so they never depend on which team finishes first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType

import solver
from fsp_allocator.allocation.assemble import assemble
from fsp_allocator.allocation.instance_builder import TeamPlan, prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import TeamData
from solver import CancelToken, ProgressCallback, Solution, SolverConfig, SolveStatus

TeamDone = Callable[[str, Solution], None]


def solve_team(
    plan: TeamPlan,
    config: SolverConfig,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    require: Mapping[str, str] | None = None,
) -> Solution:
    """Solve one team's instance; a team with nothing to place needs no search."""
    if not plan.instance.families:
        return Solution(SolveStatus.OPTIMAL, MappingProxyType({}))
    return solver.solve(
        plan.instance,
        config=config,
        progress=progress,
        cancel=cancel,
        require=dict(require) if require else None,
    )


def solve_all(
    plans: tuple[TeamPlan, ...],
    config: SolverConfig,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    on_team_done: TeamDone | None = None,
) -> dict[str, Solution]:
    """Solve every team concurrently; the answer is keyed by team name."""
    workers = max(1, min(len(plans), os.cpu_count() or 1))
    results: dict[str, Solution] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="team-solve") as pool:
        futures = {
            plan.team: pool.submit(solve_team, plan, config, progress, cancel) for plan in plans
        }
        for plan in plans:
            results[plan.team] = futures[plan.team].result()
            if on_team_done is not None:
                on_team_done(plan.team, results[plan.team])
    return results


def propose(
    data: TeamData,
    config: SolverConfig | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    *,
    on_team_done: TeamDone | None = None,
) -> AllocationProposal:
    """Propose this week's allocation of every new child, with reasons per family.

    `progress` is called from solving threads; `cancel` stops every running search and
    the best plans found so far are returned. `on_team_done(team, solution)` is called
    on the caller's thread as each team's result is collected (in roster order).
    """
    started = time.perf_counter()
    prep = prepare(data)
    solutions = solve_all(prep.teams, config or SolverConfig(), progress, cancel, on_team_done)
    return assemble(data, prep, solutions, time.perf_counter() - started)
