"""Aim 3b: the highest load ÷ capacity as low as possible.

Taken over the workers who receive a family that is not fixed to them: those are the
week's choices. (Over all workers, one already overloaded before the week would fix the
maximum and the aim would say nothing.) Cost: thousandths of load ÷ capacity.
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.plan_figures import plan_figures
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Solution

NAME = "Highest load ÷ capacity"


def build(context: ModelContext) -> list[Term]:
    """One term: the largest ratio among workers given a non-fixed family (exact)."""
    model, variables, instance = context.model, context.variables, context.instance
    chosen = [
        w
        for w in variables.candidate_worker_ids()
        if instance.worker(w).capacity > 0
        and any(f.fixed_worker is None for f, _ in variables.families_of(w))
    ]
    if not chosen:
        return []
    top = max(variables.ratio_upper(w) for w in chosen)
    counted = []
    for worker_id in chosen:
        # the worker's ratio when they receive a non-fixed family, else 0
        receives = variables.receives_non_fixed(worker_id)
        ratio = variables.ratio_permille(worker_id)
        value = model.new_int_var(0, top, f"counted_ratio[{worker_id}]")
        model.add(value == ratio).only_enforce_if(receives)
        model.add(value == 0).only_enforce_if(~receives)
        counted.append(value)
    highest = model.new_int_var(0, top, "highest_ratio")
    model.add_max_equality(highest, counted)
    return [Term(NAME, highest, 1)]


def value(instance: Instance, solution: Solution) -> int:
    """The largest floor(1000 × load ÷ capacity) among workers given a non-fixed family."""
    figures = plan_figures(instance, solution.assignment)
    return max(
        (
            figures.ratio_permille(w)
            for w in figures.candidates
            if instance.worker(w).capacity > 0
            and w in figures.receives_non_fixed
            and figures.has_non_fixed_option(w)
        ),
        default=0,
    )


AIM = Aim("Lowest highest load ÷ capacity", build, value)
