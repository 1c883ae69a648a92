"""Hard rules 2 and 9: a fixed family goes to its fixed worker, whatever the caps say.

A fixed unit is an honoured pin (rule 9) or the new children of a family the worker already
leads (rule 2). No one else may take it; the caps (rules 5 and 7) do not stop its worker.
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.facts import OPEN_FAMILY, PIN, FamilyDemand, WorkerState
from solver.rules.terms import PLAN, HardRule, ModelContext
from solver.solution import Solution

NAME = "Kept with the family's own worker"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops everyone but the family's fixed worker."""
    if not family.fixed_elsewhere(worker.id):
        return None
    fixed = family.fixed_name or family.fixed_worker
    if family.fixed_kind == PIN:
        return f"The manager pinned this family to {fixed}; remove the pin first."
    if family.fixed_kind == OPEN_FAMILY:
        return f"The family's other children are with {fixed}, so the new ones join them."
    return f"Family {family.id} must go to {fixed}."


def build(context: ModelContext) -> None:
    """x[f, fixed_worker] = 1 for every fixed family (other pairs have no variable)."""
    for family in context.instance.families:
        if family.fixed_worker is not None:
            context.model.add(context.variables.x[family.id, family.fixed_worker] == 1)


def audit(instance: Instance, solution: Solution) -> list[str]:
    """Each fixed family with its fixed worker, who must be eligible (rule 9)."""
    problems: list[str] = []
    for family in instance.families:
        fixed = family.fixed_worker
        if fixed is None:
            continue
        if solution.assignment.get(family.id) != fixed:
            problems.append(f"Family {family.id} is not with its fixed worker {fixed}.")
        if fixed not in family.eligible:
            problems.append(f"Family {family.id} is fixed to {fixed}, who may not lead it.")
    return problems


RULE = HardRule(NAME, "2, 9", PLAN, check, build, audit=audit)
