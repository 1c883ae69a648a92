"""Aim 3b: the highest load ÷ capacity as low as possible.

Taken over the workers who receive a family that is not fixed to them: those are the
week's choices. (Over all workers, one already overloaded before the week would fix the
maximum and the aim would say nothing.) Cost: thousandths of load ÷ capacity.
"""

from __future__ import annotations

from solver.instance import Instance
from solver.rules.plan_figures import PERMILLE, plan_figures
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Solution

NAME = "Highest load ÷ capacity"


def build(context: ModelContext) -> list[Term]:
    """One term: the largest ratio among workers given a non-fixed family.

    Minimised, `highest` settles on exactly that largest ratio (thousandths, rounded down).
    """
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
    highest = model.new_int_var(0, top, "highest_ratio")
    for worker_id in chosen:
        # highest >= floor(1000 × load ÷ capacity) for each worker given a non-fixed family:
        # capacity × (highest + 1) > 1000 × load, one linear inequality, no ratio variable
        worker = instance.worker(worker_id)
        load = PERMILLE * (worker.load + variables.new_weight(worker_id))
        model.add(worker.capacity * (highest + 1) >= load + 1).only_enforce_if(
            variables.receives_non_fixed(worker_id)
        )
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
