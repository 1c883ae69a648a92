"""The allocation service: propose the week's allocation for every team of a workbook.

Teams are independent (rule 8), so each is its own small CP-SAT solve; they run side by
side on a thread pool the size of the machine (CP-SAT releases the GIL). Results are
collected by team name, so they never depend on which team finishes first.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType

import solver
from fsp_allocator.allocation.assemble import assemble
from fsp_allocator.allocation.instance_builder import TeamPlan, prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from solver import CancelToken, ProgressCallback, Solution, SolverConfig, SolveStatus

TeamDone = Callable[[str, Solution], None]
WarmStart = Mapping[FamilyId, WorkerId | None]


def solve_team(
    plan: TeamPlan,
    config: SolverConfig,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    require: Mapping[str, str] | None = None,
    warm_start: WarmStart | None = None,
) -> Solution:
    """Solve one team's instance; a team with nothing to place needs no search.

    `warm_start` (family id -> worker id or None, any team's families) is the plan in hand,
    e.g. the one under review before one change: the search starts from this team's part.
    When re-optimising (`warm_start` given), a team whose instance was proved optimal before
    (same settings, same forced choices) gets that solution again without a search.
    """
    if not plan.instance.families:
        return Solution(SolveStatus.OPTIMAL, MappingProxyType({}))
    key = repr((plan.instance, config, sorted((require or {}).items())))
    if warm_start is not None and (cancel is None or not cancel.cancelled):
        with _SOLVED_LOCK:
            if key in _SOLVED:
                _SOLVED.move_to_end(key)
                return _SOLVED[key]
    solution = solver.solve(
        plan.instance,
        config=config,
        progress=progress,
        cancel=cancel,
        require=dict(require) if require else None,
        warm_start=_team_part(plan, warm_start),
    )
    if warm_start is None and solution.status == SolveStatus.OPTIMAL and not solution.cancelled:
        with _SOLVED_LOCK:
            _SOLVED[key] = solution
            while len(_SOLVED) > SOLVED_KEPT:
                _SOLVED.popitem(last=False)
    return solution


# Each team's last proven optimum, by its instance, settings and forced choices. The solve
# is deterministic (one CP-SAT worker), so an unchanged team needs no new search: after one
# change in the Allocate view only the changed team is solved again. Only results proved
# optimal from scratch are kept, so what a team gets never depends on what came before; they
# are used only when re-optimising (a warm start given): a fresh proposal always searches.
SOLVED_KEPT = 256
_SOLVED: OrderedDict[str, Solution] = OrderedDict()
_SOLVED_LOCK = threading.Lock()


def forget_solutions() -> None:
    """Forget every team's kept optimum (the next solves search from scratch)."""
    with _SOLVED_LOCK:
        _SOLVED.clear()


def _team_part(plan: TeamPlan, warm_start: WarmStart | None) -> dict[str, str | None] | None:
    """The warm start's plan for this team's families (None: no warm start)."""
    if warm_start is None:
        return None
    return {f.id: warm_start.get(FamilyId(f.id)) for f in plan.instance.families}


def solve_all(
    plans: tuple[TeamPlan, ...],
    config: SolverConfig,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    on_team_done: TeamDone | None = None,
    warm_start: WarmStart | None = None,
) -> dict[str, Solution]:
    """Solve every team concurrently; the answer is keyed by team name."""
    workers = max(1, min(len(plans), os.cpu_count() or 1))
    results: dict[str, Solution] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="team-solve") as pool:
        # the largest teams first, so the last team to start is a small one (results are
        # still collected in roster order)
        futures = {
            plan.team: pool.submit(solve_team, plan, config, progress, cancel, None, warm_start)
            for plan in sorted(plans, key=_size, reverse=True)
        }
        for plan in plans:
            results[plan.team] = futures[plan.team].result()
            if on_team_done is not None:
                on_team_done(plan.team, results[plan.team])
    return results


def _size(plan: TeamPlan) -> int:
    """A team's search size: its families times the workers each may go to."""
    return sum(len(f.eligible) for f in plan.instance.families)


def propose(
    data: TeamData,
    config: SolverConfig | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    *,
    on_team_done: TeamDone | None = None,
    warm_start: WarmStart | None = None,
) -> AllocationProposal:
    """Propose this week's allocation of every new child, with reasons per family.

    `progress` is called from solving threads; `cancel` stops every running search and
    the best plans found so far are returned. `on_team_done(team, solution)` is called
    on the caller's thread as each team's result is collected (in roster order).
    `warm_start` is the plan in hand (family id -> worker id or None), e.g. the proposal
    under review with the manager's changes: each team's search starts from it, so
    re-optimising after one change settles most aims at once. The optimum is the same with
    or without it; a plan breaking a hard rule (after a pin, say) is replaced by the greedy
    one.
    """
    started = time.perf_counter()
    prep = prepare(data)
    solutions = solve_all(
        prep.teams, config or SolverConfig(), progress, cancel, on_team_done, warm_start
    )
    return assemble(data, prep, solutions, time.perf_counter() - started)
