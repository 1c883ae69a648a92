"""`solve`: build the model, run the aims as lexicographic stages, read the plan back.

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
from types import MappingProxyType

from ortools.sat.python import cp_model

from solver import adults
from solver.greedy import greedy_adults, greedy_plan
from solver.instance import Instance
from solver.progress import CancelToken, ProgressCallback
from solver.rules import AIMS, HARD_RULES, Term, required
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


def _read_back(
    solver: cp_model.CpSolver, stages: list[tuple[str, list[Term]]]
) -> tuple[dict[str, int], list[Penalty]]:
    values: dict[str, int] = {}
    penalties: list[Penalty] = []
    for name, terms in stages:
        total = 0
        for term in terms:
            cost = term.cost * solver.value(term.expr)
            if cost > 0:
                penalties.append(Penalty(term.rule, term.family_id, term.worker_id, cost))
                total += cost
        values[name] = total
    return values, penalties


def _evaluate(
    model: cp_model.CpModel, variables: Variables, plan: Mapping[str, str | None]
) -> cp_model.CpSolver | None:
    """Solve the model with every x fixed to the plan, to read its costs back."""
    for (family_id, worker_id), var in variables.x.items():
        model.add(var == int(plan.get(family_id) == worker_id))
    model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    return solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


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
    model = cp_model.CpModel()
    variables = Variables(model, instance)
    for rule in HARD_RULES:
        rule.build(model, variables, instance)
    required.build(model, variables, forced)
    stages = [(aim.name, terms) for aim in AIMS if (terms := aim.build(model, variables, instance))]
    unpaired = adults.unpaired_in_model(model, variables, instance)
    greedy = greedy_plan(instance, forced)
    variables.hint(greedy)
    count = len(stages) + (unpaired is not None)
    context = StageContext(instance.team, count, config, started, progress, cancel)
    best: cp_model.CpSolver | None = None
    proved, stopped_bound, all_optimal, cancelled = 0, 0, True, False
    for index, (name, terms) in enumerate(stages):
        if cancel is not None and cancel.cancelled:
            cancelled, all_optimal = True, False
            break
        objective = sum(t.cost * t.expr for t in terms)
        outcome = run_stage(model, objective, context, name, index)
        if outcome.infeasible and best is None:
            return _no_plan(
                instance, SolveStatus.INFEASIBLE_INPUT, "The hard rules leave no plan.", started
            )
        if not outcome.found:
            all_optimal = False
            cancelled = cancel is not None and cancel.cancelled
            break
        best = outcome.solver
        model.add(objective <= outcome.value)
        hint_from(model, outcome.solver)
        if not outcome.optimal:
            all_optimal = False
            stopped_bound = outcome.bound
            cancelled = cancel is not None and cancel.cancelled
            break
        proved += outcome.value
    if all_optimal and unpaired is not None and best is not None:
        # aim 5 last: among plans equal on every earlier aim, the one that pairs the most
        if cancel is not None and cancel.cancelled:
            cancelled, all_optimal = True, False
        else:
            outcome = run_stage(model, unpaired, context, adults.NAME, len(stages))
            best = outcome.solver if outcome.found else best
            all_optimal = outcome.optimal
            cancelled = not outcome.optimal and cancel is not None and cancel.cancelled
    used_fallback = best is None and len(stages) > 0
    if used_fallback and not config.use_fallback and not cancelled:
        message = "No plan was found within the time limit."
        return _no_plan(instance, SolveStatus.TIMEOUT_NO_SOLUTION, message, started)
    if best is None:
        plan: dict[str, str | None] = dict(greedy)
        evaluated = _evaluate(model, variables, plan)
    else:
        plan = variables.extract(best)
        evaluated = best
    aim_values, penalties = _read_back(evaluated, stages) if evaluated else ({}, [])
    adult_params = parameters(config, max(1.0, config.time_limit_seconds / 10))
    paired = adults.pair_adults(instance, plan, adult_params)
    if paired is None:
        pairing = greedy_adults(instance, plan)
        paired = adults.AdultResult(pairing, adults.unpaired_of(instance, plan, pairing), False)
    aim_values[adults.NAME] = len(paired.unpaired)
    penalties += adults.penalties(paired.unpaired)
    objective_total = sum(aim_values.values())
    bound = proved + stopped_bound + (len(paired.unpaired) if paired.optimal else 0)
    status = SolveStatus.OPTIMAL if all_optimal and paired.optimal else SolveStatus.FEASIBLE
    message = ""
    if used_fallback:
        message = "The search found no plan in time; this is the greedy plan."
        if cancelled:
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
        cancelled=cancelled,
        message=message,
        aim_values=MappingProxyType(aim_values),
    )
