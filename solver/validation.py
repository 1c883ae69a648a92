"""Check a `Solution` against every hard rule and recompute every aim, without any solver.

Every solver test runs `validate` on every solution it gets. It loops over the registry:
each hard rule's own `audit`, or for a rule about pairs, its predicate asked of every
allocated pair (on the worker's week without that family); then adult pairing within role,
availability and capacity; then each aim's value recomputed from the plan against the
solution's `aim_values`. An empty list means the plan keeps every rule and its figures are
true. A solution with no plan (INFEASIBLE_INPUT, or TIMEOUT_NO_SOLUTION without the
fallback) is only checked for its keys.
"""

from __future__ import annotations

from collections import Counter

from solver.instance import Instance
from solver.rules import AIMS, ELIGIBILITY, HARD_RULES, HardRule, one_lead
from solver.rules.adult_pairing import kept_adults, may_pair
from solver.rules.facts import family_demand, received
from solver.solution import Solution, SolveStatus


def pair_audit(rule: HardRule, instance: Instance, solution: Solution) -> list[str]:
    """Each allocated pair `rule` stops, judged on the worker's week without that family."""
    after = received(instance, solution.assignment)
    problems: list[str] = []
    reported: set[str] = set()
    for family in instance.families:
        worker_id = solution.assignment.get(family.id)
        if worker_id is None or worker_id not in after or family.fixed_worker is not None:
            continue  # fixed families: the fixed-worker rule's own audit
        demand = family_demand(family)
        why = rule.check(after[worker_id].without(demand), demand)
        if why is None:
            continue
        if rule.kind == ELIGIBILITY:
            problems.append(f"Family {family.id} goes to ineligible worker {worker_id}: {why}")
        elif worker_id not in reported:
            reported.add(worker_id)
            problems.append(f"{rule.name} broken for {worker_id}: {why}")
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
        adult = adults[adult_id]
        if count and not may_pair(adult, adult.role, count - 1):
            problems.append(f"Adult practitioner {adult_id} is above capacity.")
    return problems


def _aims(instance: Instance, solution: Solution) -> list[str]:
    """Each aim whose value in the solution differs from its value recomputed from the plan."""
    if not solution.aim_values:
        return []
    problems: list[str] = []
    for aim in AIMS:
        stated = solution.aim_values.get(aim.name, 0)
        actual = aim.value(instance, solution)
        if stated != actual:
            problems.append(
                f"Aim '{aim.name}' is {stated} in the solution but {actual} by the plan."
            )
    return problems


def validate(instance: Instance, solution: Solution) -> list[str]:
    """Every hard rule the solution breaks and every aim it misstates (empty = none)."""
    problems = one_lead.audit(instance, solution)
    no_plan = solution.status in (SolveStatus.INFEASIBLE_INPUT, SolveStatus.TIMEOUT_NO_SOLUTION)
    if no_plan and not solution.used_fallback:
        return problems
    for rule in HARD_RULES:
        if rule is one_lead.RULE:
            continue
        if rule.audit is not None:
            problems += rule.audit(instance, solution)
        elif rule.kind != "plan":
            problems += pair_audit(rule, instance, solution)
    return problems + _adults(instance, solution) + _aims(instance, solution)
