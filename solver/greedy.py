"""The greedy plan: what a careful manager does by hand, without search.

Fixed families (and any forced choices) go first. Then families in urgency order, the
older referral first, each to the eligible worker whose load ÷ capacity would be lowest
after taking it, among those the court cap and load ceiling leave room; ties go to the
first in the family's eligible order. The plan keeps every hard rule and is maximal (loads
only grow, so a family that did not fit never fits later). It is the first stage's hint,
the fallback when CP-SAT finds nothing in time, and the benchmarks' baseline.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from solver.instance import AdultWorker, FamilyUnit, Instance, LeadWorker


class _Room:
    """Each lead worker's running new weight, new court families and non-fixed flag."""

    def __init__(self, instance: Instance) -> None:
        self.workers = {w.id: w for w in instance.workers}
        self.weight = {w.id: 0 for w in instance.workers}
        self.court = {w.id: 0 for w in instance.workers}

    def give(self, family: FamilyUnit, worker_id: str) -> None:
        self.weight[worker_id] += family.weight
        self.court[worker_id] += int(family.court)

    def fits(self, family: FamilyUnit, worker: LeadWorker) -> bool:
        """Rules 5 and 7 for a non-fixed family on top of what the worker has received."""
        if worker.court_load >= worker.court_cap:
            return False
        if worker.court_load + self.court[worker.id] + int(family.court) > worker.court_cap:
            return False
        return worker.load + self.weight[worker.id] + family.weight <= worker.max_load

    def ratio_after(self, family: FamilyUnit, worker: LeadWorker) -> Fraction:
        load = worker.load + self.weight[worker.id] + family.weight
        return Fraction(load, worker.capacity) if worker.capacity > 0 else Fraction(10**9)


def greedy_plan(
    instance: Instance, require: Mapping[str, str] | None = None
) -> dict[str, str | None]:
    """family id -> worker id (None = unallocated), by the greedy rule above."""
    room = _Room(instance)
    plan: dict[str, str | None] = {f.id: None for f in instance.families}
    forced = dict(require or {})
    for family in instance.families:
        worker_id = family.fixed_worker or forced.get(family.id)
        if worker_id is not None and worker_id in room.workers:
            plan[family.id] = worker_id
            room.give(family, worker_id)
    order = sorted(instance.families, key=lambda f: (f.urgency, f.referral_rank, f.id))
    for family in order:
        if plan[family.id] is not None:
            continue
        options = [
            room.workers[w]
            for w in dict.fromkeys(family.eligible)
            if w in room.workers and room.fits(family, room.workers[w])
        ]
        if options:
            best = min(options, key=lambda w: room.ratio_after(family, w))
            plan[family.id] = best.id
            room.give(family, best.id)
    return plan


def kept_adults(instance: Instance, family: FamilyUnit) -> list[AdultWorker]:
    """The family's already named adult practitioners who are in this instance."""
    adults = {a.id: a for a in instance.adults}
    return [adults[a] for a in dict.fromkeys(family.adult_kept) if a in adults]


def roles_to_pair(instance: Instance, family: FamilyUnit) -> list[str]:
    """The roles the family needs that no kept adult practitioner already covers."""
    covered = {a.role for a in kept_adults(instance, family)}
    return [r for r in dict.fromkeys(family.adult_roles) if r not in covered]


def greedy_adults(
    instance: Instance, assignment: Mapping[str, str | None]
) -> dict[str, tuple[str, ...]]:
    """Adult pairing by hand: kept ones stay; each missing role to the freest available."""
    new = {a.id: 0 for a in instance.adults}
    result: dict[str, tuple[str, ...]] = {}
    order = sorted(instance.families, key=lambda f: (f.urgency, f.referral_rank, f.id))
    for family in order:
        if assignment.get(family.id) is None:
            continue
        chosen = [a.id for a in kept_adults(instance, family)]
        for role in roles_to_pair(instance, family):
            options = [
                a
                for a in instance.adults
                if a.role == role and a.available and a.families + new[a.id] < a.capacity
            ]
            if options:
                best = min(options, key=lambda a: Fraction(a.families + new[a.id], a.capacity))
                new[best.id] += 1
                chosen.append(best.id)
        if chosen:
            result[family.id] = tuple(chosen)
    return result
