"""Aim 4: skills and locality matched.

Each family costs the difference between the best `match` score among the workers it may
go to and the score of the worker it gets (0 when it gets a best-matched worker).
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.checks import candidate_pairs
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Solution

NAME = "Skills or locality not matched"


def build(context: ModelContext) -> list[Term]:
    """One term per (family, worker) pair whose match falls short of the family's best."""
    terms: list[Term] = []
    for family in context.instance.families:
        if family.fixed_worker is not None:
            continue
        options = list(context.variables.workers_of(family.id))
        if not options:
            continue
        best = max(family.match.get(w, 0) for w, _ in options)
        for worker_id, var in options:
            shortfall = best - family.match.get(worker_id, 0)
            if shortfall > 0:
                terms.append(Term(NAME, var, shortfall, family_id=family.id, worker_id=worker_id))
    return terms


def value(instance: Instance, solution: Solution) -> int:
    """Σ over allocated non-fixed families of the best match minus the chosen worker's."""
    pairs = candidate_pairs(instance)
    total = 0
    for family in instance.families:
        chosen = solution.assignment.get(family.id)
        if family.fixed_worker is not None or chosen is None or not pairs[family.id]:
            continue
        best = max(family.match.get(w, 0) for w in pairs[family.id])
        total += best - family.match.get(chosen, 0)
    return total


AIM = Aim("Match skills and locality", build, value)
