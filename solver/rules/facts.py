"""What every rule predicate looks at: one worker's state and one family's demand.

A rule is a predicate `check(worker, family) -> str | None` over these two records: None
when the rule lets the worker take the family, else the sentence a manager reads. Any model
(the week's allocation, a rebalance, an overflow between teams) builds them and asks the
same rules; nothing here knows CP-SAT.

`WorkerState.load` and `court_load` are what the worker holds *now*: before the week plus
whatever this week has already given them (fixed families included). Rule 5's "at the cap
before the week" looks at `court_before`. Loads and capacities are in hundredths (`SCALE`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from solver.instance import FamilyUnit, Instance, LeadWorker

# How `FamilyDemand.fixed_kind` says why a family is fixed to its worker.
PIN = "pin"
OPEN_FAMILY = "open_family"


@dataclass(frozen=True, slots=True)
class WorkerState:
    """A lead worker as the rules see them: who, where, when, and what they hold now."""

    id: str
    capacity: int  # hundredths
    max_load: int  # hundredths: rule 7's ceiling
    load: int  # hundredths held now
    court_load: int  # families with a child in PLO/COURT held now
    court_cap: int
    court_before: int  # court families held before the week (rule 5's "at the cap")
    name: str = ""  # for sentences; the id when empty
    team: str = ""
    leads: bool = True  # rule 3: SW, SENIOR, ASYE, ATM
    role_label: str = "social worker"  # e.g. "family support worker", for rule 3's sentence
    newly_qualified: bool = False  # an ASYE (rule 6)
    available_from: date | None = None
    available_to: date | None = None
    accepting: bool = True
    ceiling_ratio: float = 0.0  # the setting behind max_load, for sentences (0: worked out)

    @property
    def label(self) -> str:
        """The worker's name, or their id when no name is known."""
        return self.name or self.id

    def taking(self, family: FamilyDemand) -> WorkerState:
        """This state once the worker also leads `family`."""
        return replace(
            self, load=self.load + family.weight, court_load=self.court_load + int(family.court)
        )

    def without(self, family: FamilyDemand) -> WorkerState:
        """This state with `family` taken away again (the worker led it)."""
        return replace(
            self, load=self.load - family.weight, court_load=self.court_load - int(family.court)
        )


@dataclass(frozen=True, slots=True)
class FamilyDemand:
    """A family to place, as the rules see it."""

    id: str
    weight: int  # hundredths
    court: bool  # taking it adds one family to the lead worker's court load
    team: str | None = ""  # None: its team is not known (rule 8 then stops everyone)
    has_court_child: bool = False  # any child in PLO or COURT (rule 6)
    excluded: frozenset[str] = frozenset()  # workers the manager excluded
    fixed_worker: str | None = None  # an honoured pin or the worker of the open family
    fixed_kind: str | None = None  # PIN or OPEN_FAMILY
    fixed_name: str = ""  # the fixed worker's name, for sentences
    eligible: frozenset[str] | None = None  # an instance's own list, when it has one
    week: date | None = None  # the week of the allocation (rule 4's dates)

    def fixed_elsewhere(self, worker_id: str) -> bool:
        """Whether the family must go to someone other than `worker_id`."""
        return self.fixed_worker is not None and self.fixed_worker != worker_id

    def fixed_to(self, worker_id: str) -> bool:
        """Whether the family is fixed to `worker_id` (rules 2 and 9: the caps do not stop it)."""
        return self.fixed_worker == worker_id


def worker_state(worker: LeadWorker, added_weight: int = 0, added_court: int = 0) -> WorkerState:
    """A solver `LeadWorker` as a rule state, with `added_*` already received this week."""
    return WorkerState(
        id=worker.id,
        capacity=worker.capacity,
        max_load=worker.max_load,
        load=worker.load + added_weight,
        court_load=worker.court_load + added_court,
        court_cap=worker.court_cap,
        court_before=worker.court_load,
    )


def family_demand(family: FamilyUnit) -> FamilyDemand:
    """A solver `FamilyUnit` as a rule demand (its `eligible` list is the core's verdict)."""
    return FamilyDemand(
        id=family.id,
        weight=family.weight,
        court=family.court,
        fixed_worker=family.fixed_worker,
        eligible=frozenset(family.eligible),
    )


def received(
    instance: Instance, assignment: Mapping[str, str | None], *, fixed_only: bool = False
) -> dict[str, WorkerState]:
    """Each lead worker's state after the plan (or after their fixed families alone)."""
    weight = {w.id: 0 for w in instance.workers}
    court = {w.id: 0 for w in instance.workers}
    for family in instance.families:
        worker_id = family.fixed_worker if fixed_only else assignment.get(family.id)
        if worker_id is not None and worker_id in weight:
            weight[worker_id] += family.weight
            court[worker_id] += int(family.court)
    return {w.id: worker_state(w, weight[w.id], court[w.id]) for w in instance.workers}
