"""The allocation proposal: what the engine proposes for the week, with reasons per child.

This is the core's shape of the spec's "allocation result" (`workbook.md`, Output): the
JSON and Excel writers, the workspace's accept and the app's review all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fsp_allocator.domain import ChildId, FamilyId, Role, TeamName, WorkerId


@dataclass(frozen=True, slots=True)
class ChildAllocation:
    """One new child given a lead worker (and adult practitioners), with the reasons why."""

    child_id: ChildId
    family_id: FamilyId
    worker_id: WorkerId
    adult_worker_ids: tuple[WorkerId, ...]
    continuity: bool  # kept with a worker already known to the family
    weight: float  # the child's own weight, so the loads add up
    reasons: tuple[str, ...]
    team: TeamName | None = None  # the team that takes the child (the receiving team)
    overflow: bool = False  # given to another team's worker (service.md, overflow)
    home_team: TeamName | None = None  # for an overflow: the team whose intake it was


@dataclass(frozen=True, slots=True)
class UnallocatedChild:
    """One new child no eligible worker could take, with why."""

    child_id: ChildId
    family_id: FamilyId
    reason: str
    team: TeamName | None = None


@dataclass(frozen=True, slots=True)
class WorkloadLine:
    """One worker's figures before and after the proposal (adult practitioners: families)."""

    worker_id: WorkerId
    name: str
    role: Role
    team: TeamName
    capacity: float
    children_before: int
    children_after: int
    load_before: float
    load_after: float
    court_before: int
    court_after: int
    court_cap: int | None = None  # the worker's court cap (None for adult practitioners)

    @property
    def ratio_before(self) -> float:
        """Load before as a share of capacity (0 when no capacity)."""
        return self.load_before / self.capacity if self.capacity > 0 else 0.0

    @property
    def ratio_after(self) -> float:
        """Load after as a share of capacity (0 when no capacity)."""
        return self.load_after / self.capacity if self.capacity > 0 else 0.0


@dataclass(frozen=True, slots=True)
class AllocationProposal:
    """The week's proposal: every new child exactly once, in allocations or unallocated."""

    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE_INPUT | TIMEOUT_NO_SOLUTION
    week: date
    solve_seconds: float
    objective: int
    bound: int
    allocations: tuple[ChildAllocation, ...]
    unallocated: tuple[UnallocatedChild, ...]
    workload: tuple[WorkloadLine, ...]
    warnings: tuple[str, ...] = ()
    cancelled: bool = False
    team_status: dict[str, str] = field(
        default_factory=dict
    )  # per team, e.g. {"Team A": "OPTIMAL"}

    def assignment(self) -> dict[ChildId, WorkerId]:
        """child -> proposed lead worker, for the allocated children."""
        return {a.child_id: a.worker_id for a in self.allocations}
