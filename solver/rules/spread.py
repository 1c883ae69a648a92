"""Aim 3c: the spread of load ÷ capacity as small as possible.

The sum, over the workers who could receive a family (and have a capacity), of each
worker's distance from the mean ratio (rounded down), in thousandths. A sum of deviations
keeps meaning when someone was already overloaded before the week, where max - min would
not move.
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.plan_figures import plan_figures
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Solution

NAME = "Spread of load ÷ capacity"


def build(context: ModelContext) -> list[Term]:
    """One term per worker: |ratio - mean ratio|."""
    model, variables, instance = context.model, context.variables, context.instance
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


def value(instance: Instance, solution: Solution) -> int:
    """Σ |ratio - floor(mean ratio)| over candidate workers with a capacity (0 if fewer than 2)."""
    figures = plan_figures(instance, solution.assignment)
    workers = [w for w in figures.candidates if instance.worker(w).capacity > 0]
    if len(workers) < 2:
        return 0
    ratios = [figures.ratio_permille(w) for w in workers]
    mean = sum(ratios) // len(ratios)
    return sum(abs(r - mean) for r in ratios)


AIM = Aim("Even load ÷ capacity", build, value)
