"""Aim 1's floor, held as a hard rule: no unallocated family could still go to anyone.

For each family that is not allocated and each worker the model could give it to, adding it
must break one of that worker's cap rules (each cap rule gives the literal that says so).
The optimal first stages imply it; holding it as a rule keeps it true for a plan a time
limit stopped early.
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.checks import CAP_RULES, ELIGIBILITY_RULES, fits
from solver.rules.facts import family_demand, received
from solver.rules.terms import PLAN, HardRule, ModelContext
from solver.rules.week import allocation_weeks
from solver.solution import Solution

NAME = "Every family that fits is allocated"


def build(context: ModelContext) -> None:
    """allocated[f] or, for each candidate worker, a cap that the family would break."""
    families = {f.id: f for f in context.instance.families}
    weeks = {week.worker.id: week for week in allocation_weeks(context)}
    for family_id, worker_id in list(context.variables.x):
        family = families[family_id]
        if family.fixed_worker is not None:
            continue
        demand = family_demand(family)
        literals = [
            rule.breaks(context.model, weeks[worker_id], demand)
            for rule in CAP_RULES
            if rule.breaks is not None
        ]
        context.model.add_bool_or([context.variables.allocated[family_id], *literals])


def audit(instance: Instance, solution: Solution) -> list[str]:
    """Each unallocated family that an eligible worker still has room for."""
    after = received(instance, solution.assignment)
    problems: list[str] = []
    for family in instance.families:
        if solution.assignment.get(family.id) is not None or family.fixed_worker is not None:
            continue
        demand = family_demand(family)
        for worker_id in dict.fromkeys(family.eligible):
            state = after.get(worker_id)
            if state is not None and fits(state, demand, (*ELIGIBILITY_RULES, *CAP_RULES)):
                problems.append(f"Unallocated family {family.id} would fit with {worker_id}.")
    return problems


RULE = HardRule(NAME, "1", PLAN, build=build, audit=audit)
