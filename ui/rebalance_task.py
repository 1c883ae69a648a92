"""The rebalance as a background task: plain Python, no widgets (run on the task runner).

`rebalance_task(...)` returns the function the runner calls with its progress callback and
cancel token; each frontier point solved is reported as a `PointReport`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from fsp_allocator.domain import FamilyId, TeamData, WorkerId

if TYPE_CHECKING:
    from fsp_allocator.rebalance.result import FrontierLine, RebalanceResult


@dataclass(frozen=True, slots=True)
class PointReport:
    """One frontier point proven (or stopped) in one team."""

    team: str
    moves: int
    max_moves: int

    def text(self) -> str:
        """'FSP Banbury — 3 of 5 voluntary moves worked out'."""
        return f"{self.team} — best plan with up to {self.moves} of {self.max_moves} moves found"


class Plans(Protocol):
    """What the view needs of a rebalance run: the frontier and the plan at each point."""

    @property
    def frontier(self) -> tuple[FrontierLine, ...]:
        """Every team's best balance for 0..max_moves voluntary moves."""
        ...

    @property
    def max_moves(self) -> int:
        """The most voluntary moves per team the run allowed."""
        ...

    def result(self, moves: int | None = None) -> RebalanceResult:
        """The plan at frontier point `moves` (None: the run's chosen plan)."""
        ...


Choices = Mapping[FamilyId, WorkerId | None]


def rebalance_task(
    data: TeamData, release: Collection[WorkerId], max_moves: int, choices: Choices
) -> Callable[[Callable[[Any], None], Any], Plans]:
    """The runner's task: solve the frontier for `data` with the manager's `choices` kept."""

    def run(progress: Callable[[Any], None], cancel: Any) -> Plans:
        from fsp_allocator.rebalance import service  # OR-Tools loads here

        def on_point(team: str, moves: int, most: int) -> None:
            progress(PointReport(team, moves, most))

        if not hasattr(service, "run_rebalance"):  # until the workspace API lands
            return _OnePlan(
                service.rebalance(data, tuple(release), max_moves, on_point=on_point, cancel=cancel)
            )
        return service.run_rebalance(
            data,
            release=tuple(release),
            max_moves=max_moves,
            on_point=on_point,
            cancel=cancel,
            choices=dict(choices),
        )

    return run


@dataclass(frozen=True)
class _OnePlan:
    """A run that kept only its chosen plan (every point shows it)."""

    plan: RebalanceResult

    @property
    def frontier(self) -> tuple[FrontierLine, ...]:
        """The plan's frontier."""
        return self.plan.frontier

    @property
    def max_moves(self) -> int:
        """The run's limit."""
        return self.plan.max_moves

    def result(self, moves: int | None = None) -> RebalanceResult:
        """The one plan."""
        return self.plan
