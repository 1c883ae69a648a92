"""The rebalance result: the core's shape of the contract's JSON and workbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fsp_allocator.allocation.proposal import WorkloadLine
from fsp_allocator.domain import ChildId, FamilyId, TeamName, WorkerId


@dataclass(frozen=True, slots=True)
class ChildMove:
    """One open child moving from one lead worker to another, with the reasons why."""

    child_id: ChildId
    family_id: FamilyId
    from_worker_id: WorkerId
    to_worker_id: WorkerId
    forced: bool
    continuity: bool  # to the family's other lead worker or a worker who knew it
    weight: float
    reasons: tuple[str, ...]
    team: TeamName | None = None
    ratio_from: float = 0.0  # the receiver's load / capacity before and after the plan
    ratio_to: float = 0.0


@dataclass(frozen=True, slots=True)
class UnplacedChild:
    """A child of a forced family nobody could take; it stays with its worker in the record."""

    child_id: ChildId
    family_id: FamilyId
    from_worker_id: WorkerId
    reason: str
    team: TeamName | None = None


@dataclass(frozen=True, slots=True)
class FrontierLine:
    """The best balance with at most `moves` voluntary moves in one team."""

    team: TeamName
    moves: int
    max_load_ratio: float
    over_capacity: int
    proven: bool
    used_moves: int
    unplaced_families: int = 0  # forced families this point leaves with their worker
    chosen: bool = False  # the point the team's solve chose (`RebalanceSolution.chosen`)
    # Aims 1-2 (re-homing the forced families, most urgent first; continuity) better than
    # at no move: the moves made room, which may cost balance (aim 3 comes after).
    rehomed_better: bool = False


@dataclass(frozen=True, slots=True)
class RebalanceResult:
    """Every forced child once, in `moves` or `unplaced`; voluntary moves in `moves` too."""

    status: str
    week: date
    solve_seconds: float
    max_moves: int
    released: tuple[WorkerId, ...]
    moves: tuple[ChildMove, ...]
    unplaced: tuple[UnplacedChild, ...]
    workload: tuple[WorkloadLine, ...]
    frontier: tuple[FrontierLine, ...]
    warnings: tuple[str, ...] = ()
    cancelled: bool = False

    def assignment(self) -> dict[ChildId, WorkerId]:
        """child -> new lead worker, for the moved children."""
        return {m.child_id: m.to_worker_id for m in self.moves}
