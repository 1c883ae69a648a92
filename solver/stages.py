"""Run one lexicographic stage: minimise one aim's terms under every earlier optimum.

Determinism: with the default `num_workers=1` CP-SAT searches on one thread, so the same
model gives the same answer every run. With more workers we set `interleave_search`, which
makes the portfolio deterministic too. A wall-clock limit that bites can still stop two runs
at different points; `SolverConfig.deterministic_time_limit` bounds the work in CP-SAT's
deterministic seconds instead, so even a stopped stage stops at the same place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.progress import CancelToken, Progress, ProgressCallback
from solver.solution import SolverConfig


def parameters(config: SolverConfig, seconds: float) -> cp_model.SatParameters:
    """CP-SAT parameters for one stage with `seconds` of wall-clock time left."""
    params = cp_model.SatParameters()
    params.num_workers = max(1, config.num_workers)
    if params.num_workers > 1:
        params.interleave_search = True
    params.max_time_in_seconds = max(0.0, seconds)
    if config.deterministic_time_limit is not None:
        params.max_deterministic_time = config.deterministic_time_limit
    params.relative_gap_limit = config.relative_gap
    params.log_search_progress = config.log_search
    params.random_seed = 0
    # The balance stages' ratios and deviations are linear inequalities: with their LP
    # relaxation in the search the bounds close fast (same optima, about twice as fast).
    params.linearization_level = 2
    # A team's stage is a small model solved many times (about ten solves a team): one
    # presolve pass is enough, and the cut generators cost more than their bounds give back
    # (on the even-load stage of the hardest team 0.83 -> 0.29 deterministic seconds).
    params.cut_level = 0
    params.max_presolve_iterations = 1
    return params


@dataclass(frozen=True, slots=True)
class StageContext:
    """What every stage of one solve shares: who to tell, how to stop, when it began."""

    team: str
    stage_count: int
    config: SolverConfig
    started: float
    progress: ProgressCallback | None
    cancel: CancelToken | None

    def report(self, stage: str, index: int, solutions: int, value: float, bound: float) -> None:
        """Send one progress report, if anyone listens."""
        if self.progress is not None:
            elapsed = time.monotonic() - self.started
            self.progress(
                Progress(
                    self.team, stage, index, self.stage_count, solutions, value, bound, elapsed
                )
            )


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution; kept cheap (called on the solving thread)."""

    def __init__(self, context: StageContext, stage: str, index: int) -> None:
        super().__init__()
        self.context = context
        self.stage = stage
        self.index = index
        self.solutions = 0

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.context.report(
            self.stage, self.index, self.solutions, self.objective_value, self.best_objective_bound
        )


@dataclass(frozen=True, slots=True)
class StageOutcome:
    """How one stage ended; `solver` holds its best solution when `found`."""

    found: bool
    optimal: bool
    infeasible: bool
    value: int
    bound: int
    solver: cp_model.CpSolver


def run_stage(
    model: cp_model.CpModel,
    objective: cp_model.LinearExprT,
    context: StageContext,
    stage: str,
    index: int,
    stages_left: int = 1,
) -> StageOutcome:
    """Minimise `objective` on `model` within this stage's share of the time left.

    Each stage gets the time left divided by the stages still to run (`stages_left`, this
    one included), so a limit that bites on one stage leaves time for the next; time a
    stage does not use passes on. `SolverConfig.deterministic_time_limit` caps each stage's
    work on its own.
    """
    model.minimize(objective)
    left = context.config.time_limit_seconds - (time.monotonic() - context.started)
    solver = cp_model.CpSolver()
    solver.parameters.copy_from(parameters(context.config, left / max(1, stages_left)))
    context.report(stage, index, 0, 0.0, 0.0)
    reporter = _Reporter(context, stage, index)
    if context.cancel is not None:
        context.cancel.register(solver.stop_search)
    try:
        status = solver.solve(model, reporter if context.progress is not None else None)
    finally:
        if context.cancel is not None:
            context.cancel.unregister(solver.stop_search)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    value = round(solver.objective_value) if found else 0
    bound = min(value, max(0, round(solver.best_objective_bound))) if found else 0
    context.report(stage, index, reporter.solutions, value, bound)
    return StageOutcome(
        found, status == cp_model.OPTIMAL, status == cp_model.INFEASIBLE, value, bound, solver
    )


def hint_from(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Hint every variable of `model` with the solver's solution (the next stage's start)."""
    values = list(solver.response_proto.solution)
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)
