"""Aim 2: continuity — a family goes back to the worker who already knows it.

Counted when the previous worker is one the model may give the family to (eligible and
within the caps before the week); each family not given back costs 1.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import Aim, Term
from solver.variables import Variables

NAME = "Not kept with the worker who knows the family"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> list[Term]:
    """One term per family whose previous worker could take it: 1 - x[f, previous]."""
    terms: list[Term] = []
    for family in instance.families:
        previous = family.previous_worker
        if previous is None or family.fixed_worker is not None:
            continue
        var = variables.x.get((family.id, previous))
        if var is not None:
            terms.append(Term(NAME, 1 - var, 1, family_id=family.id, worker_id=previous))
    return terms


AIM = Aim("Keep families with the worker who knows them", build)
