"""The greedy plan: what a careful manager does by hand, without search.

Fixed families (and any forced choices) go first. Then families in urgency order, the
older referral first, each to the eligible worker whose load ÷ capacity would be lowest
after taking it, among those every pair rule (`solver.rules.checks`) lets take it; ties go
to the first in the family's eligible order. The plan keeps every hard rule and is maximal
(loads only grow, so a family that did not fit never fits later). It is the first stage's
hint, the fallback when CP-SAT finds nothing in time, and the benchmarks' baseline.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from solver.instance import Instance
from solver.rules.adult_pairing import kept_adults, may_pair, roles_to_pair
from solver.rules.checks import fits
from solver.rules.facts import WorkerState, family_demand, worker_state

__all__ = ["greedy_adults", "greedy_plan"]


def _ratio_after(state: WorkerState, weight: int) -> Fraction:
    if state.capacity <= 0:
        return Fraction(10**9)
    return Fraction(state.load + weight, state.capacity)


def greedy_plan(
    instance: Instance, require: Mapping[str, str] | None = None
) -> dict[str, str | None]:
    """family id -> worker id (None = unallocated), by the greedy rule above."""
    states = {w.id: worker_state(w) for w in instance.workers}
    plan: dict[str, str | None] = {f.id: None for f in instance.families}
    forced = dict(require or {})
    for family in instance.families:
        worker_id = family.fixed_worker or forced.get(family.id)
        if worker_id is not None and worker_id in states:
            plan[family.id] = worker_id
            states[worker_id] = states[worker_id].taking(family_demand(family))
    order = sorted(instance.families, key=lambda f: (f.urgency, f.referral_rank, f.id))
    for family in order:
        if plan[family.id] is not None:
            continue
        demand = family_demand(family)
        options = [
            states[w]
            for w in dict.fromkeys(family.eligible)
            if w in states and fits(states[w], demand)
        ]
        if options:
            best = min(options, key=lambda s: _ratio_after(s, family.weight))
            plan[family.id] = best.id
            states[best.id] = best.taking(demand)
    return plan


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
            options = [a for a in instance.adults if may_pair(a, role, new[a.id])]
            if options:
                best = min(options, key=lambda a: Fraction(a.families + new[a.id], a.capacity))
                new[best.id] += 1
                chosen.append(best.id)
        if chosen:
            result[family.id] = tuple(chosen)
    return result
