"""Aim 3a: no one above capacity where that can be avoided.

Open cases are never moved, so a worker already above capacity before the week cannot be
brought under it. What the week can avoid is new weight placed above capacity: for each
worker, the part of their new weight beyond their headroom, max(0, capacity - load). A
worker already over capacity therefore counts every new weight, so work goes elsewhere
first. Cost: hundredths of a weighted unit.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import Aim, Term
from solver.variables import Variables

NAME = "Above capacity"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> list[Term]:
    """One term per candidate worker: the new weight beyond their headroom."""
    terms: list[Term] = []
    for worker_id in variables.candidate_worker_ids():
        worker = instance.worker(worker_id)
        headroom = max(0, worker.capacity - worker.load)
        top = sum(f.weight for f, _ in variables.families_of(worker_id))
        excess = model.new_int_var(0, max(0, top - headroom), f"excess[{worker_id}]")
        model.add_max_equality(excess, [0, variables.new_weight(worker_id) - headroom])
        terms.append(Term(NAME, excess, 1, worker_id=worker_id))
    return terms


AIM = Aim("No one above capacity where avoidable", build)
