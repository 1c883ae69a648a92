"""Aim 4: skills and locality matched.

Each family costs the difference between the best `match` score among the workers it may
go to and the score of the worker it gets (0 when it gets a best-matched worker).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import Aim, Term
from solver.variables import Variables

NAME = "Skills or locality not matched"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> list[Term]:
    """One term per (family, worker) pair whose match falls short of the family's best."""
    terms: list[Term] = []
    for family in instance.families:
        if family.fixed_worker is not None:
            continue
        options = list(variables.workers_of(family.id))
        if not options:
            continue
        best = max(family.match.get(w, 0) for w, _ in options)
        for worker_id, var in options:
            shortfall = best - family.match.get(worker_id, 0)
            if shortfall > 0:
                terms.append(Term(NAME, var, shortfall, family_id=family.id, worker_id=worker_id))
    return terms


AIM = Aim("Match skills and locality", build)
