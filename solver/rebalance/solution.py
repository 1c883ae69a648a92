"""The rebalance model's output: one frontier point per number of voluntary moves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from solver.solution import SolveStatus


@dataclass(frozen=True, slots=True)
class FrontierPoint:
    """The best plan with at most `moves` voluntary moves.

    `assignment` maps every family of the instance to its receiver, or None (a forced
    family unplaced, a voluntary candidate staying). `aim_values` holds each aim's cost in
    the order solved; `proven` is False when a time limit stopped any aim.
    """

    moves: int
    assignment: Mapping[str, str | None]
    max_load_ratio: float  # the highest load / capacity over the balanced workers
    over_capacity: int  # balanced workers above capacity
    used_moves: int  # voluntary moves the plan makes (<= moves)
    proven: bool
    aim_values: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class RebalanceSolution:
    """A team's frontier (k = 0..max_moves) and which point the result uses."""

    team: str
    status: SolveStatus
    points: tuple[FrontierPoint, ...]
    chosen: int  # index into points: k = the moves the k = max_moves plan used
    solve_seconds: float = 0.0
    cancelled: bool = False
    message: str = ""

    @property
    def plan(self) -> FrontierPoint:
        """The point the result's moves come from."""
        return self.points[self.chosen]
