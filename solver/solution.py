"""The solver's configuration and output: `SolverConfig` in, `Solution` out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class SolverConfig:
    """How hard and how long to search. The defaults give the same answer on every run."""

    time_limit_seconds: float = 10.0
    num_workers: int = 1  # see solver/README or the model docs for the determinism choice
    log_search: bool = False
    use_fallback: bool = True  # when CP-SAT finds nothing in time, return the greedy plan
    relative_gap: float = 0.0  # stop a stage once within this gap (0 = prove optimal)
    # Deterministic work limit per aim (CP-SAT "deterministic seconds"); unlike the wall-clock
    # limit, a stage it stops stops at the same point on every run. None = no such limit.
    deterministic_time_limit: float | None = None


class SolveStatus(StrEnum):
    """The outcome, as the result file's `status` says it."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE_INPUT = "INFEASIBLE_INPUT"
    TIMEOUT_NO_SOLUTION = "TIMEOUT_NO_SOLUTION"


@dataclass(frozen=True, slots=True)
class Penalty:
    """A named term of the objective that bit, to be read back as a sentence."""

    rule: str  # the rule's human-readable name, e.g. "Not kept with the known worker"
    family_id: str | None
    worker_id: str | None
    cost: int


@dataclass(frozen=True, slots=True)
class Solution:
    """Who leads each family (None = unallocated) and which adult practitioners pair with it."""

    status: SolveStatus
    assignment: Mapping[str, str | None]
    adult_assignment: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    objective: int = 0
    bound: int = 0
    solve_seconds: float = 0.0
    penalties: tuple[Penalty, ...] = ()
    used_fallback: bool = False  # the greedy plan, because CP-SAT had nothing in time
    cancelled: bool = False
    message: str = ""  # why: the broken hard rule (INFEASIBLE_INPUT), a limit or a fallback
    # Each aim's cost (lower is better; 0 = nothing given up), keyed by the aim's name.
    aim_values: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
