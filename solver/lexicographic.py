"""`solve`: build the model, run the aims as lexicographic stages, finish the plan.

Three steps, one function each: `build_model` (variables and every hard rule of the
registry), `run_stages` (each aim of the registry in order, its optimum held for the next),
`finish` (read the plan and its costs back, pair adult practitioners, say how it ended).

Statuses: OPTIMAL when every aim was proved optimal; FEASIBLE when a limit or Cancel stopped
an aim with a plan in hand (`cancelled` says which), or when the greedy plan stands in
(`used_fallback=True`): it keeps every hard rule, so it is a plan, not a failure;
TIMEOUT_NO_SOLUTION when nothing was found and `use_fallback` is off; INFEASIBLE_INPUT when
the instance or a forced choice breaks a hard rule (`message` says which).

`objective` is the total cost of the named penalties (Σ `penalties[i].cost`, plus one per
adult role left unpaired), each aim's cost in `aim_values`. `bound` is a proven floor on it
under the aims' order: aims proved optimal at their value, the aim a limit stopped at its
proven bound, aims not reached at 0. They are equal exactly when every aim was proved.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ortools.sat.python import cp_model

from solver import adults
from solver.greedy import greedy_adults, greedy_plan
from solver.instance import Instance
from solver.progress import CancelToken, ProgressCallback
from solver.rules import AIMS, HARD_RULES, Aim, ModelContext, Term, adult_pairing, required
from solver.solution import Penalty, Solution, SolverConfig, SolveStatus
from solver.stages import StageContext, hint_from, parameters, run_stage
from solver.variables import Variables


def input_problem(instance: Instance) -> str | None:
    """A sentence naming what in the instance itself breaks a hard rule, or None."""
    workers = {w.id for w in instance.workers}
    seen: set[str] = set()
    for family in instance.families:
        if family.id in seen:
            return f"Family {family.id} appears twice in team {instance.team}'s intake."
        seen.add(family.id)
        fixed = family.fixed_worker
        if fixed is not None and (fixed not in workers or fixed not in family.eligible):
            return f"Family {family.id} is fixed to {fixed}, who may not lead it."
    return None


def _no_plan(instance: Instance, status: SolveStatus, message: str, started: float) -> Solution:
    plan: dict[str, str | None] = {f.id: None for f in instance.families}
    return Solution(
        status, MappingProxyType(plan), message=message, solve_seconds=time.monotonic() - started
    )


def build_model(instance: Instance, require: Mapping[str, str]) -> ModelContext:
    """A CP-SAT model of the instance with every hard rule of the registry in it."""
    model = cp_model.CpModel()
    context = ModelContext(model, Variables(model, instance), instance, require)
    for rule in HARD_RULES:
        rule.build(context)
    return context


@dataclass(slots=True)
class StageRun:
    """How the chain of stages ended: the last solution and what each stage proved."""

    stages: list[tuple[Aim, list[Term]]] = field(default_factory=list)
    best: cp_model.CpSolver | None = None  # the solution the last stage that found one holds
    proved: int = 0  # Σ of the values proved optimal
    stopped_bound: int = 0  # the proven bound of the stage a limit stopped
    all_optimal: bool = True
    cancelled: bool = False
    infeasible: bool = False  # the hard rules leave no plan at all


def run_stages(
    context: ModelContext,
    config: SolverConfig,
    started: float,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> StageRun:
    """Run each aim with terms in the registry's order, holding each optimum for the next."""
    run = StageRun()
    run.stages = [(aim, terms) for aim in AIMS if (terms := aim.build(context))]
    team = context.instance.team
    stage_context = StageContext(team, len(run.stages), config, started, progress, cancel)
    model = context.model
    for index, (aim, terms) in enumerate(run.stages):
        if aim.pairing and not run.all_optimal:
            break  # aim 5's in-model stage only refines a proved plan
        if cancel is not None and cancel.cancelled:
            run.cancelled, run.all_optimal = True, False
            break
        objective = sum(t.cost * t.expr for t in terms)
        outcome = run_stage(model, objective, stage_context, aim.name, index)
        if outcome.infeasible and run.best is None:
            run.infeasible = True
            return run
        if not outcome.found:
            run.all_optimal = False
            run.cancelled = cancel is not None and cancel.cancelled
            break
        run.best = outcome.solver
        if aim.pairing:
            run.all_optimal = outcome.optimal
            run.cancelled = not outcome.optimal and cancel is not None and cancel.cancelled
            break
        model.add(objective <= outcome.value)
        hint_from(model, outcome.solver)
        if not outcome.optimal:
            run.all_optimal = False
            run.stopped_bound = outcome.bound
            run.cancelled = cancel is not None and cancel.cancelled
            break
        run.proved += outcome.value
    return run


def _read_back(
    solver: cp_model.CpSolver, stages: list[tuple[Aim, list[Term]]]
) -> tuple[dict[str, int], list[Penalty]]:
    values: dict[str, int] = {}
    penalties: list[Penalty] = []
    for aim, terms in stages:
        if aim.pairing:
            continue  # finished by its own model
        total = 0
        for term in terms:
            cost = term.cost * solver.value(term.expr)
            if cost > 0:
                penalties.append(Penalty(term.rule, term.family_id, term.worker_id, cost))
                total += cost
        values[aim.name] = total
    return values, penalties


def _evaluate(context: ModelContext, plan: Mapping[str, str | None]) -> cp_model.CpSolver | None:
    """Solve the model with every x fixed to the plan, to read its costs back."""
    model = context.model
    for (family_id, worker_id), var in context.variables.x.items():
        model.add(var == int(plan.get(family_id) == worker_id))
    model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    return solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def finish(
    context: ModelContext,
    run: StageRun,
    config: SolverConfig,
    greedy: Mapping[str, str | None],
    started: float,
) -> Solution:
    """The plan, its costs aim by aim, the adult pairing, the status and the bound."""
    instance = context.instance
    used_fallback = run.best is None and len(run.stages) > 0
    if used_fallback and not config.use_fallback and not run.cancelled:
        message = "No plan was found within the time limit."
        return _no_plan(instance, SolveStatus.TIMEOUT_NO_SOLUTION, message, started)
    if run.best is None:
        plan: dict[str, str | None] = dict(greedy)
        evaluated = _evaluate(context, plan)
    else:
        plan = context.variables.extract(run.best)
        evaluated = run.best
    aim_values, penalties = _read_back(evaluated, run.stages) if evaluated else ({}, [])
    adult_params = parameters(config, max(1.0, config.time_limit_seconds / 10))
    paired = adults.pair_adults(instance, plan, adult_params)
    if paired is None:
        pairing = greedy_adults(instance, plan)
        unpaired = adult_pairing.unpaired_of(instance, plan, pairing)
        paired = adults.AdultResult(pairing, unpaired, False)
    aim_values[adult_pairing.NAME] = len(paired.unpaired)
    penalties += adult_pairing.penalties(paired.unpaired)
    objective_total = sum(aim_values.values())
    bound = run.proved + run.stopped_bound + (len(paired.unpaired) if paired.optimal else 0)
    all_optimal = run.all_optimal
    status = SolveStatus.OPTIMAL if all_optimal and paired.optimal else SolveStatus.FEASIBLE
    message = ""
    if used_fallback:
        message = "The search found no plan in time; this is the greedy plan."
        if run.cancelled:
            message = "Cancelled before the search found a plan; this is the greedy plan."
        bound = 0
    elif not all_optimal:
        message = "The search was stopped; this is the best plan found so far."
    return Solution(
        status=status,
        assignment=MappingProxyType(plan),
        adult_assignment=MappingProxyType(paired.assignment),
        objective=objective_total,
        bound=min(bound, objective_total),
        solve_seconds=time.monotonic() - started,
        penalties=tuple(penalties),
        used_fallback=used_fallback,
        cancelled=run.cancelled,
        message=message,
        aim_values=MappingProxyType(aim_values),
    )


def solve(
    instance: Instance,
    config: SolverConfig = SolverConfig(),  # noqa: B008 (frozen, so a safe default)
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    require: Mapping[str, str] | None = None,
) -> Solution:
    """Who leads each family and which adult practitioners pair with it, by the aims' order."""
    started = time.monotonic()
    forced = dict(require or {})
    problem = input_problem(instance) or required.check_required(instance, forced)
    if problem is not None:
        return _no_plan(instance, SolveStatus.INFEASIBLE_INPUT, problem, started)
    context = build_model(instance, forced)
    greedy = greedy_plan(instance, forced)
    context.variables.hint(greedy)
    run = run_stages(context, config, started, progress, cancel)
    if run.infeasible:
        message = "The hard rules leave no plan."
        return _no_plan(instance, SolveStatus.INFEASIBLE_INPUT, message, started)
    return finish(context, run, config, greedy, started)
