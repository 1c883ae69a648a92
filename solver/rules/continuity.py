"""Aim 2: continuity — a family goes back to the worker who already knows it.

Counted when the previous worker is one the model may give the family to (eligible and
within the caps before the week); each family not given back costs 1.
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.checks import candidate_pairs
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Solution

NAME = "Not kept with the worker who knows the family"


def build(context: ModelContext) -> list[Term]:
    """One term per family whose previous worker could take it: 1 - x[f, previous]."""
    terms: list[Term] = []
    for family in context.instance.families:
        previous = family.previous_worker
        if previous is None or family.fixed_worker is not None:
            continue
        var = context.variables.x.get((family.id, previous))
        if var is not None:
            terms.append(Term(NAME, 1 - var, 1, family_id=family.id, worker_id=previous))
    return terms


def value(instance: Instance, solution: Solution) -> int:
    """The families not given back to a previous worker who could have taken them."""
    pairs = candidate_pairs(instance)
    return sum(
        1
        for f in instance.families
        if f.fixed_worker is None
        and f.previous_worker is not None
        and f.previous_worker in pairs[f.id]
        and solution.assignment.get(f.id) != f.previous_worker
    )


AIM = Aim("Keep families with the worker who knows them", build, value)
