"""Aim 3c: the spread of load ÷ capacity as small as possible.

The sum, over the workers who could receive a family (and have a capacity), of each
worker's distance from the mean ratio, in thousandths. A sum of deviations keeps meaning
when someone was already overloaded before the week, where max - min would not move.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import Aim, Term
from solver.variables import Variables

NAME = "Spread of load ÷ capacity"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> list[Term]:
    """One term per worker: |ratio - mean ratio|."""
    workers = [w for w in variables.candidate_worker_ids() if instance.worker(w).capacity > 0]
    if len(workers) < 2:
        return []
    ratios = {w: variables.ratio_permille(w) for w in workers}
    top = max(variables.ratio_upper(w) for w in workers)
    mean = model.new_int_var(0, top, "mean_ratio")
    model.add_division_equality(mean, sum(ratios.values()), len(workers))
    terms: list[Term] = []
    for worker_id, ratio in ratios.items():
        deviation = model.new_int_var(0, top, f"deviation[{worker_id}]")
        model.add_abs_equality(deviation, ratio - mean)
        terms.append(Term(NAME, deviation, 1, worker_id=worker_id))
    return terms


AIM = Aim("Even load ÷ capacity", build)
