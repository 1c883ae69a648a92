"""The domain of a team's weekly allocation: workers, children, families and settings.

These types are the core's vocabulary. They are immutable: a change is a new value
(`dataclasses.replace`), so a proposal can never be altered behind the manager's back.
Families are never stored; they are derived from `family_id` (see `families`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import NewType

WorkerId = NewType("WorkerId", str)
ChildId = NewType("ChildId", str)
FamilyId = NewType("FamilyId", str)
TeamName = NewType("TeamName", str)


class Role(StrEnum):
    """A practitioner's role in the team (the workbook's `role` column)."""

    SW = "SW"
    SENIOR = "SENIOR"
    ASYE = "ASYE"
    ATM = "ATM"
    FSW = "FSW"
    DA = "DA"
    MH = "MH"
    SM = "SM"

    @property
    def leads(self) -> bool:
        """Whether this role may be a child's lead worker (hard rule 3)."""
        return self in LEAD_ROLES

    @property
    def is_adult_practitioner(self) -> bool:
        """Whether this is an adult-facing practitioner (DA, MH or SM)."""
        return self in ADULT_ROLES


LEAD_ROLES = frozenset({Role.SW, Role.SENIOR, Role.ASYE, Role.ATM})
ADULT_ROLES = frozenset({Role.DA, Role.MH, Role.SM})

ROLE_LABELS: Mapping[Role, str] = MappingProxyType(
    {
        Role.SW: "Social worker",
        Role.SENIOR: "Senior practitioner",
        Role.ASYE: "Newly qualified (ASYE)",
        Role.ATM: "Assistant team manager",
        Role.FSW: "Family support worker",
        Role.DA: "Domestic abuse practitioner",
        Role.MH: "Adult mental health practitioner",
        Role.SM: "Substance misuse practitioner",
    }
)


class Stage(StrEnum):
    """Where a child's case stands (the workbook's `stage` column)."""

    ASSESSMENT = "ASSESSMENT"
    CIN = "CIN"
    CP = "CP"
    PLO = "PLO"
    COURT = "COURT"
    CLA = "CLA"

    @property
    def is_court(self) -> bool:
        """PLO (pre-proceedings) and COURT count towards a worker's court load."""
        return self in COURT_STAGES


COURT_STAGES = frozenset({Stage.PLO, Stage.COURT})

STAGE_LABELS: Mapping[Stage, str] = MappingProxyType(
    {
        Stage.ASSESSMENT: "Assessment",
        Stage.CIN: "Child in need plan",
        Stage.CP: "Child protection plan",
        Stage.PLO: "Pre-proceedings (PLO)",
        Stage.COURT: "Care proceedings",
        Stage.CLA: "Child looked after",
    }
)

# Urgency for aim 1 (most urgent allocated first): lower rank = more urgent.
# The spec: "families with a child in COURT, PLO or CP, then CLA, ASSESSMENT, CIN".
STAGE_URGENCY: Mapping[Stage, int] = MappingProxyType(
    {
        Stage.COURT: 0,
        Stage.PLO: 0,
        Stage.CP: 0,
        Stage.CLA: 1,
        Stage.ASSESSMENT: 2,
        Stage.CIN: 3,
    }
)


def _frozen(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Worker:
    """One practitioner of the roster (a row of the `Workers` sheet)."""

    worker_id: WorkerId
    name: str
    role: Role
    fte: float
    team: TeamName
    agency: bool = False
    available_from: date | None = None
    available_to: date | None = None
    accepting: bool = True
    court_cap: int | None = None
    capacity: float | None = None
    skills: tuple[str, ...] = ()
    locality: str | None = None
    extra: Mapping[str, str] = field(default_factory=lambda: _frozen(None), compare=False)
    release: bool = False  # the manager releases this caseload for rebalancing (rebalance.md)

    def is_available_on(self, day: date) -> bool:
        """Whether the worker may take new work on `day` (hard rule 4, dates only)."""
        if self.available_from is not None and day < self.available_from:
            return False
        return not (self.available_to is not None and day > self.available_to)


@dataclass(frozen=True, slots=True)
class Child:
    """One child's case (a row of the `Cases` sheet). No names: ids only."""

    child_id: ChildId
    family_id: FamilyId
    stage: Stage
    worker_id: WorkerId | None = None
    previous_worker_id: WorkerId | None = None
    factors: tuple[str, ...] = ()
    complexity: float | None = None
    referral_date: date | None = None
    team: TeamName | None = None
    locality: str | None = None
    needs: tuple[str, ...] = ()
    adult_worker_ids: tuple[WorkerId, ...] = ()
    pin_worker_id: WorkerId | None = None
    exclude_worker_ids: tuple[WorkerId, ...] = ()
    extra: Mapping[str, str] = field(default_factory=lambda: _frozen(None), compare=False)

    @property
    def is_new(self) -> bool:
        """A child with no lead worker is a new case to allocate this week."""
        return self.worker_id is None


@dataclass(frozen=True, slots=True)
class Family:
    """Siblings sharing a `family_id`: derived, never stored."""

    family_id: FamilyId
    children: tuple[Child, ...]

    @property
    def new_children(self) -> tuple[Child, ...]:
        """The children of this family still to allocate."""
        return tuple(c for c in self.children if c.is_new)

    @property
    def open_children(self) -> tuple[Child, ...]:
        """The children of this family already held by a lead worker."""
        return tuple(c for c in self.children if not c.is_new)

    @property
    def is_new_family(self) -> bool:
        """A new family has no open child (the spec's definition)."""
        return not self.open_children

    @property
    def lead_worker_ids(self) -> tuple[WorkerId, ...]:
        """Distinct lead workers of the open children, in first-seen order."""
        seen: dict[WorkerId, None] = {}
        for child in self.open_children:
            assert child.worker_id is not None
            seen.setdefault(child.worker_id, None)
        return tuple(seen)

    @property
    def has_court_child(self) -> bool:
        """Whether any child of the family is in PLO or COURT."""
        return any(c.stage.is_court for c in self.children)


def families(children: Iterable[Child]) -> tuple[Family, ...]:
    """Group children into families by `family_id`, keeping first-seen order."""
    groups: dict[FamilyId, list[Child]] = {}
    for child in children:
        groups.setdefault(child.family_id, []).append(child)
    return tuple(Family(fid, tuple(kids)) for fid, kids in groups.items())


@dataclass(frozen=True, slots=True)
class Settings:
    """The team's allocation settings (the `Settings` sheet over the defaults in resources/).

    Weights are per child; CIN = 1. See `resources/weights.toml` for the reason behind
    each default number.
    """

    week: date
    target_caseload: float = 15.0
    max_load_ratio: float = 1.2
    court_cap: int = 3
    asye_capacity_ratio: float = 0.8
    atm_capacity_ratio: float = 0.33
    adult_capacity: Mapping[Role, float] = field(
        default_factory=lambda: MappingProxyType({Role.DA: 10.0, Role.MH: 10.0, Role.SM: 18.0})
    )
    stage_weights: Mapping[Stage, float] = field(default_factory=lambda: MappingProxyType({}))
    factor_weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    sibling_discount: float = 0.5
    # service.md: a family that fits nowhere in its own team may go to another team's worker
    overflow: bool = False


@dataclass(frozen=True, slots=True)
class TeamData:
    """Everything one workbook (or the workspace) holds: roster, cases and settings.

    May span several teams; `teams()` lists them in first-seen order of the roster.
    """

    workers: tuple[Worker, ...]
    children: tuple[Child, ...]
    settings: Settings

    def teams(self) -> tuple[TeamName, ...]:
        """The team names of the roster, in first-seen order."""
        seen: dict[TeamName, None] = {}
        for worker in self.workers:
            seen.setdefault(worker.team, None)
        return tuple(seen)

    def worker(self, worker_id: WorkerId) -> Worker | None:
        """The worker with this id, or None."""
        return self.worker_index().get(worker_id)

    def worker_index(self) -> dict[WorkerId, Worker]:
        """Workers by id."""
        return {w.worker_id: w for w in self.workers}

    def families(self) -> tuple[Family, ...]:
        """All families, derived from the children's `family_id`."""
        return families(self.children)

    def new_children(self) -> tuple[Child, ...]:
        """The children to allocate this week (blank `worker_id`)."""
        return tuple(c for c in self.children if c.is_new)

    def open_children(self) -> tuple[Child, ...]:
        """The children already held by a lead worker."""
        return tuple(c for c in self.children if not c.is_new)
