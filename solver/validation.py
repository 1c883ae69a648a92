"""Check a `Solution` against every hard rule, without any solver.

Every solver test runs `validate` on every solution it gets. An empty list means the plan
keeps the rules: each family once, only eligible workers (fixed ones included), fixed
families on their worker, the court cap, the load ceiling, maximality, and adult pairing
within role, availability and capacity. A solution with no plan (INFEASIBLE_INPUT, or
TIMEOUT_NO_SOLUTION without the fallback) is only checked for its keys.
"""

from __future__ import annotations

from collections import Counter

from solver.greedy import kept_adults
from solver.instance import Instance
from solver.solution import Solution, SolveStatus


def _keys(instance: Instance, solution: Solution) -> list[str]:
    problems: list[str] = []
    counts = Counter(f.id for f in instance.families)
    problems += [
        f"Family {f} appears {n} times in the instance." for f, n in counts.items() if n > 1
    ]
    missing = [f for f in counts if f not in solution.assignment]
    extra = [f for f in solution.assignment if f not in counts]
    problems += [f"Family {f} is missing from the assignment." for f in missing]
    problems += [f"Assignment names unknown family {f}." for f in extra]
    return problems


def _leads(instance: Instance, solution: Solution) -> list[str]:
    problems: list[str] = []
    workers = {w.id: w for w in instance.workers}
    weight = dict.fromkeys(workers, 0)
    court = dict.fromkeys(workers, 0)
    non_fixed: set[str] = set()
    for family in instance.families:
        worker_id = solution.assignment.get(family.id)
        if family.fixed_worker is not None and worker_id != family.fixed_worker:
            problems.append(
                f"Family {family.id} is not with its fixed worker {family.fixed_worker}."
            )
        if family.fixed_worker is not None and family.fixed_worker not in family.eligible:
            problems.append(
                f"Family {family.id} is fixed to {family.fixed_worker}, who may not lead it."
            )
        if worker_id is None:
            continue
        if worker_id not in workers:
            problems.append(f"Family {family.id} goes to unknown worker {worker_id}.")
            continue
        if family.fixed_worker is None:
            non_fixed.add(worker_id)
            if worker_id not in family.eligible:
                problems.append(f"Family {family.id} goes to ineligible worker {worker_id}.")
        weight[worker_id] += family.weight
        court[worker_id] += int(family.court)
    for worker_id in sorted(non_fixed):
        w = workers[worker_id]
        if w.court_load >= w.court_cap or w.court_load + court[worker_id] > w.court_cap:
            problems.append(f"Court cap broken for {worker_id}.")
        if w.load + weight[worker_id] > w.max_load:
            problems.append(f"Load ceiling broken for {worker_id}.")
    for family in instance.families:
        if solution.assignment.get(family.id) is not None or family.fixed_worker is not None:
            continue
        for worker_id in family.eligible:
            candidate = workers.get(worker_id)
            if candidate is None:
                continue
            w = candidate
            if w.court_load >= w.court_cap:
                continue
            court_ok = w.court_load + court[worker_id] + int(family.court) <= w.court_cap
            load_ok = w.load + weight[worker_id] + family.weight <= w.max_load
            if court_ok and load_ok:
                problems.append(f"Unallocated family {family.id} would fit with {worker_id}.")
    return problems


def _adults(instance: Instance, solution: Solution) -> list[str]:
    problems: list[str] = []
    adults = {a.id: a for a in instance.adults}
    families = {f.id: f for f in instance.families}
    new = dict.fromkeys(adults, 0)
    for family_id, paired in solution.adult_assignment.items():
        family = families.get(family_id)
        if family is None or solution.assignment.get(family_id) is None:
            problems.append(f"Adult practitioners paired with unallocated family {family_id}.")
            continue
        kept = {a.id for a in kept_adults(instance, family)}
        roles = Counter(adults[a].role for a in paired if a in adults and a not in kept)
        problems += [
            f"Family {family_id} has two new {r} practitioners." for r, n in roles.items() if n > 1
        ]
        for adult_id in paired:
            adult = adults.get(adult_id)
            if adult is None:
                problems.append(f"Family {family_id} paired with unknown practitioner {adult_id}.")
            elif adult_id not in kept:
                if adult.role not in family.adult_roles:
                    problems.append(f"{adult_id} ({adult.role}) is not a role {family_id} needs.")
                if not adult.available:
                    problems.append(f"{adult_id} is not available for {family_id}.")
                new[adult_id] += 1
    for adult_id, count in new.items():
        if count and adults[adult_id].families + count > adults[adult_id].capacity:
            problems.append(f"Adult practitioner {adult_id} is above capacity.")
    return problems


def validate(instance: Instance, solution: Solution) -> list[str]:
    """Every hard rule the solution breaks, as sentences (empty = none)."""
    problems = _keys(instance, solution)
    no_plan = solution.status in (SolveStatus.INFEASIBLE_INPUT, SolveStatus.TIMEOUT_NO_SOLUTION)
    if no_plan and not solution.used_fallback:
        return problems
    return problems + _leads(instance, solution) + _adults(instance, solution)
