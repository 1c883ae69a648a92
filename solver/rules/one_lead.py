"""Hard rule 1: each family unit has at most one lead worker, and `allocated` says which."""

from __future__ import annotations

from collections import Counter

from solver.instance import Instance
from solver.rules.terms import PLAN, HardRule, ModelContext
from solver.solution import Solution

NAME = "One lead worker per family"


def build(context: ModelContext) -> None:
    """allocated[f] = Σ_w x[f, w], so a family has one lead worker or none."""
    variables = context.variables
    for family in context.instance.families:
        choices = [var for _, var in variables.workers_of(family.id)]
        context.model.add(sum(choices) == variables.allocated[family.id])


def audit(instance: Instance, solution: Solution) -> list[str]:
    """Each family named exactly once: none twice in the instance, none missing, none extra."""
    problems: list[str] = []
    counts = Counter(f.id for f in instance.families)
    problems += [
        f"Family {f} appears {n} times in the instance." for f, n in counts.items() if n > 1
    ]
    problems += [
        f"Family {f} is missing from the assignment."
        for f in counts
        if f not in solution.assignment
    ]
    problems += [
        f"Assignment names unknown family {f}." for f in solution.assignment if f not in counts
    ]
    workers = {w.id for w in instance.workers}
    problems += [
        f"Family {f} goes to unknown worker {w}."
        for f, w in solution.assignment.items()
        if w is not None and w not in workers
    ]
    return problems


RULE = HardRule(NAME, "1", PLAN, build=build, audit=audit)
