"""One rebalance run: every team's frontier solved once, any frontier point assembled on demand.

`run_rebalance` is the API the app and the workspace call: the manager steps along the
frontier (`RebalanceRun.result(k)`) without solving again, and re-optimises the rest after
changing or undoing a move (`choices`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import MappingProxyType

from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from fsp_allocator.rebalance import moving
from fsp_allocator.rebalance.assemble import assemble, frontier_lines
from fsp_allocator.rebalance.builder import RebalancePreparation, TeamRebalance, prepare_rebalance
from fsp_allocator.rebalance.choices import (
    RebalanceChoiceRefused,
    check_rebalance_choices,
    pinned,
    split_choices,
)
from fsp_allocator.rebalance.result import FrontierLine, RebalanceResult
from solver import CancelToken, SolverConfig
from solver.rebalance import RebalanceSolution, solve_rebalance

TeamDone = Callable[[str, RebalanceSolution], None]
PointDone = Callable[[str, int, int], None]
NO_CHOICES: Mapping[FamilyId, WorkerId | None] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RebalanceRun:
    """A solved rebalance: the data it ran on (pins for the choices), every team's frontier."""

    data: TeamData
    preparation: RebalancePreparation
    solutions: Mapping[str, RebalanceSolution]
    solve_seconds: float
    max_moves: int
    choices: Mapping[FamilyId, WorkerId | None] = field(default_factory=lambda: NO_CHOICES)
    frontier: tuple[FrontierLine, ...] = field(init=False)
    """Every team's frontier points, k = 0..max_moves (fewer if cancelled): built once, as
    the manager's slider asks for a point at each step (about 10 ms a county each time)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "frontier", frontier_lines(self.preparation, self.solutions))

    def result(self, moves: int | None = None) -> RebalanceResult:
        """The plan at frontier point `moves` (per team min(moves, that team's last point));
        None: the point each team's solve chose, as `rebalance()` returns."""
        chosen = {
            team: s.chosen if moves is None else min(max(moves, 0), len(s.points) - 1)
            for team, s in self.solutions.items()
        }
        return assemble(
            self.data,
            self.preparation,
            self.solutions,
            self.solve_seconds,
            self.max_moves,
            chosen,
            self.frontier,
        )


def _solve(
    team: TeamRebalance,
    config: SolverConfig,
    on_point: PointDone | None,
    cancel: CancelToken | None,
    chains: int,
) -> RebalanceSolution:
    return solve_rebalance(team.instance, config, on_point, cancel, chains)


def run_rebalance(
    data: TeamData,
    release: Collection[WorkerId] = (),
    max_moves: int = 0,
    config: SolverConfig | None = None,
    on_team_done: TeamDone | None = None,
    on_point: PointDone | None = None,
    cancel: CancelToken | None = None,
    choices: Mapping[FamilyId, WorkerId | None] = NO_CHOICES,
) -> RebalanceRun:
    """Solve every team's frontier with the manager's `choices` held (RebalanceChoiceRefused
    names the hard rule a choice breaks); teams run side by side, collected by name."""
    config = config or SolverConfig()
    started = time.monotonic()
    released = moving.released_set(data.workers, release)
    check = check_rebalance_choices(data, choices, released)
    if not check.ok:
        raise RebalanceChoiceRefused(check)
    chosen, kept = split_choices(data, choices)
    data = pinned(data, chosen)
    preparation = prepare_rebalance(data, release, max_moves, frozenset(chosen), kept)
    teams = preparation.teams
    solutions: dict[str, RebalanceSolution] = {}
    pool_size = max(1, min(len(teams), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="rebalance") as pool:
        # The biggest teams first, so no core idles at the end waiting for a hard team that
        # started last; results are still collected in roster order.
        biggest = sorted(teams, key=lambda t: -len(t.instance.families))
        chains = max(1, (os.cpu_count() or 1) // max(1, len(teams)))  # spare cores: a lone team
        futures = {
            t.team: pool.submit(_solve, t, config, on_point, cancel, chains) for t in biggest
        }
        for t in teams:
            solutions[t.team] = futures[t.team].result()
            if on_team_done is not None:
                on_team_done(t.team, solutions[t.team])
    return RebalanceRun(
        data,
        preparation,
        MappingProxyType(solutions),
        round(time.monotonic() - started, 3),
        max_moves,
        MappingProxyType(dict(choices)),
    )
