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
from solver.validation import rule_problems
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
    """How the chain of stages ended: the plan it holds and what each stage proved."""

    plan: dict[str, str | None]  # the plan every stage so far holds (at first the hint)
    stages: list[tuple[Aim, list[Term]]] = field(default_factory=list)
    best: cp_model.CpSolver | None = None  # the last stage's solution, when it was searched
    best_is_plan: bool = False  # `best` holds `plan` and every variable of the model
    searched: bool = False  # some stage found or confirmed a plan (else: the hint stands in)
    proved: int = 0  # Σ of the values proved optimal while every earlier aim was
    stopped_bound: int = 0  # the proven bound of the first stage a limit stopped
    all_optimal: bool = True
    cancelled: bool = False
    infeasible: bool = False  # the hard rules leave no plan at all
    zero: set[str] = field(default_factory=set)  # aims proved at 0 by the plan in hand


def _value_at(aim: Aim, instance: Instance, plan: Mapping[str, str | None]) -> int | None:
    """The aim's cost at `plan`, when known without a search (aim 5 needs its pairing)."""
    if aim.pairing:
        pairing = greedy_adults(instance, plan)
        solution = Solution(SolveStatus.FEASIBLE, plan, MappingProxyType(pairing))
        return 0 if aim.value(instance, solution) == 0 else None
    return aim.value(instance, Solution(SolveStatus.FEASIBLE, plan))


def run_stages(
    context: ModelContext,
    config: SolverConfig,
    started: float,
    start_plan: Mapping[str, str | None],
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> StageRun:
    """Run each aim of the registry in order, holding each one's value for the next.

    Each aim's terms are built just before its stage, so earlier stages carry none of the
    later aims' variables. A stage whose cost is already 0 at the plan in hand (the hint,
    then each stage's solution) is proved at once without a search. A stage a limit stops
    keeps the chain going: its best value is held and the next stage runs on its own budget
    (the bound then counts only what was proved before it).
    """
    model, instance = context.model, context.instance
    run = StageRun(dict(start_plan))
    stage_context = StageContext(instance.team, len(AIMS), config, started, progress, cancel)
    for index, aim in enumerate(AIMS):
        if cancel is not None and cancel.cancelled:
            run.cancelled, run.all_optimal = True, False
            break
        terms = aim.build(context)
        if not terms:
            continue
        run.stages.append((aim, terms))
        objective = sum(t.cost * t.expr for t in terms)
        if _value_at(aim, instance, run.plan) == 0:
            model.add(objective <= 0)  # nothing to give up: proved at 0 by the plan in hand
            run.zero.add(aim.name)
            run.searched = True
            stage_context.report(aim.name, index, 1, 0.0, 0.0)
            continue
        outcome = run_stage(model, objective, stage_context, aim.name, index, len(AIMS) - index)
        if outcome.infeasible and not run.searched:
            run.infeasible = True
            return run
        if not outcome.found:  # nothing within the limit: hold the plan in hand instead
            run.all_optimal = False
            run.cancelled = cancel is not None and cancel.cancelled
            if run.cancelled:
                break
            continue
        run.best, run.best_is_plan, run.searched = outcome.solver, True, True
        run.plan = context.variables.extract(outcome.solver)
        model.add(objective <= outcome.value)
        hint_from(model, outcome.solver)
        if outcome.optimal and run.all_optimal:
            run.proved += outcome.value
        elif not outcome.optimal:
            if run.all_optimal:
                run.stopped_bound = outcome.bound
            run.all_optimal = False
            run.cancelled = cancel is not None and cancel.cancelled
            if run.cancelled:
                break
    return run


def _read_back(
    solver: cp_model.CpSolver, stages: list[tuple[Aim, list[Term]]], zero: set[str]
) -> tuple[dict[str, int], list[Penalty]]:
    """Each aim's cost and the terms that bit, from the solver's solution (`zero`: aims
    proved at 0 without a search, whose variables that solution may not hold)."""
    values: dict[str, int] = {}
    penalties: list[Penalty] = []
    for aim, terms in stages:
        if aim.pairing:
            continue  # finished by its own model
        total = 0
        if aim.name not in zero:
            for term in terms:
                cost = term.cost * solver.value(term.expr)
                if cost > 0:
                    penalties.append(Penalty(term.rule, term.family_id, term.worker_id, cost))
                    total += cost
        values[aim.name] = total
    return values, penalties


def _evaluate(
    context: ModelContext, plan: Mapping[str, str | None], stages: list[tuple[Aim, list[Term]]]
) -> cp_model.CpSolver | None:
    """Solve the model with every x fixed to the plan and every term as low as it goes:
    each term's variables then take their true value for the plan, to be read back."""
    model = context.model
    for (family_id, worker_id), var in context.variables.x.items():
        model.add(var == int(plan.get(family_id) == worker_id))
    model.minimize(sum(t.cost * t.expr for aim, terms in stages if not aim.pairing for t in terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    return solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def _plan_costs(context: ModelContext, run: StageRun) -> tuple[dict[str, int], list[Penalty]]:
    """The plan's cost aim by aim, read back from the model's own terms."""
    if run.all_optimal and run.best is not None and run.best_is_plan:
        return _read_back(run.best, run.stages, run.zero)
    if run.all_optimal and run.best is None and run.searched:
        return _read_back(cp_model.CpSolver(), run.stages, {a.name for a, _ in run.stages})
    built = {aim.name for aim, _ in run.stages}
    stages = list(run.stages)
    stages += [(a, t) for a in AIMS if a.name not in built and (t := a.build(context))]
    evaluated = _evaluate(context, run.plan, stages)
    return _read_back(evaluated, stages, set()) if evaluated is not None else ({}, [])


def finish(context: ModelContext, run: StageRun, config: SolverConfig, started: float) -> Solution:
    """The plan, its costs aim by aim, the adult pairing, the status and the bound."""
    instance = context.instance
    used_fallback = not run.searched and (bool(run.stages) or not run.all_optimal)
    if used_fallback and not config.use_fallback and not run.cancelled:
        message = "No plan was found within the time limit."
        return _no_plan(instance, SolveStatus.TIMEOUT_NO_SOLUTION, message, started)
    plan = dict(run.plan)
    aim_values, penalties = _plan_costs(context, run)
    adult_params = parameters(config, max(1.0, config.time_limit_seconds / 10))
    paired = adults.pair_adults(instance, plan, adult_params)
    if paired is None:
        pairing = greedy_adults(instance, plan)
        unpaired = adult_pairing.unpaired_of(instance, plan, pairing)
        paired = adults.AdultResult(pairing, unpaired, False)
    aim_values[adult_pairing.NAME] = len(paired.unpaired)
    penalties += adult_pairing.penalties(paired.unpaired)
    objective_total = sum(aim_values.values())
    all_optimal = run.all_optimal
    bound = run.proved + run.stopped_bound
    if all_optimal and paired.optimal:
        bound += len(paired.unpaired)
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
    warm_start: Mapping[str, str | None] | None = None,
) -> Solution:
    """Who leads each family and which adult practitioners pair with it, by the aims' order.

    `warm_start` (family id -> worker id or None), e.g. the plan before one change, is the
    search's first hint; when it keeps every hard rule the stages start from it, so a stage
    it already settles is proved without a search.
    """
    started = time.monotonic()
    forced = dict(require or {})
    problem = input_problem(instance) or required.check_required(instance, forced)
    if problem is not None:
        return _no_plan(instance, SolveStatus.INFEASIBLE_INPUT, problem, started)
    context = build_model(instance, forced)
    start = _start_plan(instance, forced, warm_start)
    context.variables.hint(dict(warm_start) if warm_start is not None else start)
    run = run_stages(context, config, started, start, progress, cancel)
    if run.infeasible:
        message = "The hard rules leave no plan."
        return _no_plan(instance, SolveStatus.INFEASIBLE_INPUT, message, started)
    return finish(context, run, config, started)


def _start_plan(
    instance: Instance, forced: Mapping[str, str], warm_start: Mapping[str, str | None] | None
) -> dict[str, str | None]:
    """The plan the stages start from: `warm_start` when it keeps every hard rule (and the
    forced choices), else the greedy plan."""
    if warm_start is not None:
        plan = {f.id: warm_start.get(f.id) for f in instance.families}
        candidate = Solution(SolveStatus.FEASIBLE, MappingProxyType(plan))
        keeps_forced = all(plan.get(f) == w for f, w in forced.items())
        if keeps_forced and not rule_problems(instance, candidate):
            return plan
    return greedy_plan(instance, forced)
