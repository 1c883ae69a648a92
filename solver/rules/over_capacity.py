"""Aim 3a: no one above capacity where that can be avoided.

Open cases are never moved, so a worker already above capacity before the week cannot be
brought under it. What the week can avoid is new weight placed above capacity: for each
worker, the part of their new weight beyond their headroom, max(0, capacity - load). A
worker already over capacity therefore counts every new weight, so work goes elsewhere
first. Cost: hundredths of a weighted unit.
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.plan_figures import plan_figures
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Solution

NAME = "Above capacity"


def build(context: ModelContext) -> list[Term]:
    """One term per candidate worker: the new weight beyond their headroom."""
    model, variables = context.model, context.variables
    terms: list[Term] = []
    for worker_id in variables.candidate_worker_ids():
        worker = context.instance.worker(worker_id)
        headroom = max(0, worker.capacity - worker.load)
        top = sum(f.weight for f, _ in variables.families_of(worker_id))
        excess = model.new_int_var(0, max(0, top - headroom), f"excess[{worker_id}]")
        model.add_max_equality(excess, [0, variables.new_weight(worker_id) - headroom])
        terms.append(Term(NAME, excess, 1, worker_id=worker_id))
    return terms


def value(instance: Instance, solution: Solution) -> int:
    """Σ over candidate workers of the new weight beyond max(0, capacity - load)."""
    figures = plan_figures(instance, solution.assignment)
    total = 0
    for worker_id in figures.candidates:
        worker = instance.worker(worker_id)
        headroom = max(0, worker.capacity - worker.load)
        total += max(0, figures.new_weight[worker_id] - headroom)
    return total


AIM = Aim("No one above capacity where avoidable", build, value)
