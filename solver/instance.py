"""The solver's input: one team's fully prepared allocation problem.

The core (`fsp_allocator`) builds an `Instance` per team: weights are integers in
hundredths of a weighted unit (`SCALE`), eligibility is already worked out (hard rules 3,
4, 6, 8 and exclusions), honoured pins and new children of open families are `fixed_worker`.
The solver only decides who leads each `FamilyUnit` and which adult practitioners pair
with it, under the caps (rules 5 and 7), by the ordered aims. It knows nothing of files,
workbooks, Qt or pandas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

SCALE = 100  # weights, loads and capacities are integers in hundredths of a unit

# Urgency classes (aim 1): 0 = a child in COURT, PLO or CP; 1 = CLA; 2 = ASSESSMENT; 3 = CIN.
URGENCY_CLASSES = 4


@dataclass(frozen=True, slots=True)
class LeadWorker:
    """A worker who may lead families (SW, SENIOR, ASYE, ATM) with their load before the week."""

    id: str
    capacity: int  # hundredths; target x role ratio x FTE, or the worker's own capacity x FTE
    max_load: int  # hundredths; capacity x max_load_ratio, rounded down: rule 7's ceiling
    load: int  # hundredths; the weights of the children already led
    court_load: int  # families with a child in PLO/COURT already led
    court_cap: int  # rule 5: at or above it, no new family


@dataclass(frozen=True, slots=True)
class FamilyUnit:
    """The new children of one family, placed together with one lead worker (rule 2).

    `eligible` lists, in a stable order, the workers who may lead it by rules 3, 4, 6, 8 and
    the exclusions; the caps (rules 5, 7) are the solver's to apply. `fixed_worker` is set
    for an honoured pin or a new child of an open family whose worker can take it: the
    family must go to that worker, and rules 5 and 7 do not stop it.
    """

    id: str
    weight: int  # hundredths; the sum of the new children's weights
    court: bool  # taking it adds one family to the lead worker's court load
    urgency: int  # 0..URGENCY_CLASSES-1, 0 the most urgent
    referral_rank: int  # 0 = the oldest referral of the team's intake; ties share a rank
    eligible: tuple[str, ...]
    fixed_worker: str | None = None
    previous_worker: str | None = None  # continuity (aim 2), when eligible
    match: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))  # aim 4 score
    adult_roles: tuple[str, ...] = ()  # 'DA' / 'MH' / 'SM' roles the family's trio factors call for
    adult_kept: tuple[str, ...] = ()  # adult practitioners already named for the family


@dataclass(frozen=True, slots=True)
class AdultWorker:
    """An adult-facing practitioner (DA, MH, SM) who may pair with families (aim 5)."""

    id: str
    role: str  # 'DA', 'MH' or 'SM'
    capacity: int  # families held at most: adult_capacity_<ROLE> x FTE, rounded up
    families: int  # families already held
    available: bool  # available this week and accepting


@dataclass(frozen=True, slots=True)
class Instance:
    """One team's week: lead workers, the families to place, and adult practitioners."""

    team: str
    workers: tuple[LeadWorker, ...]
    families: tuple[FamilyUnit, ...]
    adults: tuple[AdultWorker, ...] = ()

    def worker(self, worker_id: str) -> LeadWorker:
        """The lead worker with this id (KeyError if none)."""
        for w in self.workers:
            if w.id == worker_id:
                return w
        raise KeyError(worker_id)
