"""The allocation model's weeks: each candidate worker's `WeekExprs`, made once per model."""

from __future__ import annotations

from solver.rules.facts import worker_state
from solver.rules.terms import ModelContext, WeekExprs


def allocation_weeks(context: ModelContext) -> list[WeekExprs]:
    """One `WeekExprs` per worker who may receive a family, in the instance's order."""
    variables = context.variables
    return [
        WeekExprs(
            worker_state(context.instance.worker(w)),
            variables.receives_non_fixed(w),
            variables.new_weight(w),
            variables.new_court(w),
        )
        for w in variables.candidate_worker_ids()
    ]
