"""Workload arithmetic: child weights, worker capacity, load and court load.

The definitions are the spec's ("The rules of allocation"):
- a child's weight is the manager's `complexity` if given, else the stage weight plus the
  weights of its factors (code 21 weighs 0), with the sibling discount for the second and
  later child of a family;
- capacity = (`capacity` if given, else target x role ratio) x FTE;
- load = the sum of the weights of the children a worker leads;
- court load = the number of families with a child in PLO or COURT that a worker leads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fsp_allocator.domain import (
    Child,
    ChildId,
    FamilyId,
    Role,
    Settings,
    TeamData,
    Worker,
    WorkerId,
    families,
)

WEIGHT_DECIMALS = 2


def own_weight(child: Child, settings: Settings) -> float:
    """The undiscounted weight of one child: complexity override, else stage + factors."""
    if child.complexity is not None:
        return round(child.complexity, WEIGHT_DECIMALS)
    stage = settings.stage_weights[child.stage]
    factors = sum(settings.factor_weights.get(code, 0.0) for code in set(child.factors))
    return round(stage + factors, WEIGHT_DECIMALS)


def child_weights(children: Iterable[Child], settings: Settings) -> dict[ChildId, float]:
    """Each child's weight, with the sibling discount applied within each family.

    The first child of a family (open children before new ones, each in row order) weighs
    in full; each later sibling weighs `sibling_discount` of their own weight, unless the
    manager set a `complexity`, which is taken as the child's final weight.
    """
    weights: dict[ChildId, float] = {}
    for family in families(children):
        ordered = family.open_children + family.new_children
        for position, child in enumerate(ordered):
            weight = own_weight(child, settings)
            if position > 0 and child.complexity is None:
                weight = round(weight * settings.sibling_discount, WEIGHT_DECIMALS)
            weights[child.child_id] = weight
    return weights


def role_ratio(role: Role, settings: Settings) -> float:
    """The share of the target caseload a role carries: 1, or the ASYE / ATM ratio."""
    if role is Role.ASYE:
        return settings.asye_capacity_ratio
    if role is Role.ATM:
        return settings.atm_capacity_ratio
    return 1.0


def capacity(worker: Worker, settings: Settings) -> float:
    """A lead worker's capacity in weighted units; an adult practitioner's in families."""
    if worker.role.is_adult_practitioner:
        base = (
            worker.capacity if worker.capacity is not None else settings.adult_capacity[worker.role]
        )
        return round(base * worker.fte, WEIGHT_DECIMALS)
    if not worker.role.leads:
        return 0.0
    base = (
        worker.capacity
        if worker.capacity is not None
        else settings.target_caseload * role_ratio(worker.role, settings)
    )
    return round(base * worker.fte, WEIGHT_DECIMALS)


def court_cap(worker: Worker, settings: Settings) -> int:
    """The worker's own court cap, else the team's."""
    return worker.court_cap if worker.court_cap is not None else settings.court_cap


@dataclass(frozen=True, slots=True)
class WorkerLoad:
    """One worker's load figures at a moment (before or after an allocation)."""

    worker_id: WorkerId
    capacity: float
    children: int
    load: float
    court: int
    families: int

    @property
    def ratio(self) -> float:
        """Load as a share of capacity (0 when the worker has no capacity)."""
        return self.load / self.capacity if self.capacity > 0 else 0.0


def worker_loads(
    data: TeamData,
    assignment: Mapping[ChildId, WorkerId] | None = None,
    adult_assignment: Mapping[FamilyId, Iterable[WorkerId]] | None = None,
    weights: Mapping[ChildId, float] | None = None,
) -> dict[WorkerId, WorkerLoad]:
    """Every worker's load, with optional new lead and adult assignments added on top.

    Lead workers count the children they lead; adult practitioners count the families that
    name them in `adult_worker_ids` (plus `adult_assignment`), their `load` in families.
    `weights`: `child_weights(data.children, data.settings)` when the caller has it already
    (it is the costliest part: about 0.1 s a call at 10x county).
    """
    settings = data.settings
    if weights is None:
        weights = child_weights(data.children, settings)
    leads: dict[WorkerId, list[Child]] = {w.worker_id: [] for w in data.workers}
    adult_families: dict[WorkerId, set[FamilyId]] = {w.worker_id: set() for w in data.workers}
    extra = assignment or {}
    for child in data.children:
        lead = child.worker_id or extra.get(child.child_id)
        if lead is not None and lead in leads:
            leads[lead].append(child)
        for adult in child.adult_worker_ids:
            if adult in adult_families:
                adult_families[adult].add(child.family_id)
    for family_id, adults in (adult_assignment or {}).items():
        for adult in adults:
            if adult in adult_families:
                adult_families[adult].add(family_id)
    result: dict[WorkerId, WorkerLoad] = {}
    for worker in data.workers:
        held = leads[worker.worker_id]
        if worker.role.is_adult_practitioner:
            count = len(adult_families[worker.worker_id])
            result[worker.worker_id] = WorkerLoad(
                worker.worker_id, capacity(worker, settings), 0, float(count), 0, count
            )
            continue
        court_families = {c.family_id for c in held if c.stage.is_court}
        result[worker.worker_id] = WorkerLoad(
            worker_id=worker.worker_id,
            capacity=capacity(worker, settings),
            children=len(held),
            load=round(sum(weights[c.child_id] for c in held), WEIGHT_DECIMALS),
            court=len(court_families),
            families=len({c.family_id for c in held}),
        )
    return result
