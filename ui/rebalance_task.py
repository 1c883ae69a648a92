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
    """`done` of a team's `total` frontier points solved (proven, or stopped by the limit)."""

    team: str
    done: int
    total: int

    def text(self) -> str:
        """'FSP Banbury — frontier point 3 of 6 solved'."""
        return f"{self.team} — frontier point {self.done} of {self.total} solved"


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
        from fsp_allocator.rebalance.service import run_rebalance  # OR-Tools loads here

        def on_point(team: str, done: int, total: int) -> None:
            progress(PointReport(team, done, total))

        return run_rebalance(
            data,
            release=tuple(release),
            max_moves=max_moves,
            on_point=on_point,
            cancel=cancel,
            choices=dict(choices),
        )

    return run
