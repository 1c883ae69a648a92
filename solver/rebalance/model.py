"""One frontier point: the lexicographic optimum with at most k voluntary moves.

Variables: `x[f, w]` for each family and each receiver it may go to (the pairs the caps
rule out from the start are left out). Aims, each its own stage with every earlier one held
at its value: re-home forced families (most urgent first), continuity, the highest load /
capacity, the count above capacity, the spread, the fewest voluntary moves. The cap rules
come from `rule_checks` only.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.progress import CancelToken
from solver.rebalance import rule_checks
from solver.rebalance.figures import AIM_NAMES, RATIO_SCALE, frontier_figures, unplaced_weights
from solver.rebalance.instance import MovingFamily, RebalanceInstance, TeamWorker
from solver.rebalance.solution import FrontierPoint
from solver.solution import SolverConfig
from solver.stages import parameters


@dataclass
class _Model:
    model: cp_model.CpModel
    x: dict[tuple[str, str], cp_model.IntVar]
    aims: list[cp_model.LinearExprT]


def _possible(family: MovingFamily, worker: TeamWorker, lowest_load: int) -> bool:
    """Whether the pair can ever be used: the fixed worker always; others within the caps
    at the lowest load voluntary moves could bring them to."""
    if worker.id == family.fixed_worker:
        return True
    if family.fixed_worker is not None or worker.id == family.from_worker:
        return False
    return rule_checks.court_cap_allows(worker, int(family.court)) and (
        rule_checks.load_ceiling_allows(worker, lowest_load + family.weight)
    )


def _lowest_loads(instance: RebalanceInstance, k: int) -> dict[str, int]:
    """Each worker's load less their k heaviest voluntary candidates and every forced family."""
    lowest = {}
    for w in instance.workers:
        voluntary = sorted(
            (f.weight for f in instance.families if f.from_worker == w.id and not f.forced),
            reverse=True,
        )[:k]
        forced = sum(f.weight for f in instance.families if f.from_worker == w.id and f.forced)
        lowest[w.id] = w.load - sum(voluntary) - forced
    return lowest


def build(instance: RebalanceInstance, k: int) -> _Model:
    """The model for at most k voluntary moves, with its six aims' cost expressions."""
    model = cp_model.CpModel()
    workers = {w.id: w for w in instance.workers}
    lowest = _lowest_loads(instance, k)
    x: dict[tuple[str, str], cp_model.IntVar] = {}
    placed: dict[str, cp_model.LinearExprT] = {}
    for f in instance.families:
        if not f.forced and k == 0:
            placed[f.id] = 0
            continue
        options = [w for w in f.eligible if w in workers and _possible(f, workers[w], lowest[w])]
        for w in options:
            x[f.id, w] = model.new_bool_var(f"x[{f.id},{w}]")
        placed[f.id] = sum(x[f.id, w] for w in options)
        model.add(placed[f.id] <= 1)
        if f.fixed_worker is not None and f.fixed_worker in options:
            model.add(x[f.id, f.fixed_worker] == 1)
    volume = sum(placed[f.id] for f in instance.families if not f.forced)
    if not isinstance(volume, int):
        model.add(volume <= k)
    load_after: dict[str, cp_model.LinearExprT] = {}
    for w in instance.workers:
        incoming = [(f, x[f.id, w.id]) for f in instance.families if (f.id, w.id) in x]
        leaving = sum(f.weight * placed[f.id] for f in instance.families if f.from_worker == w.id)
        load_after[w.id] = w.load + sum(f.weight * var for f, var in incoming) - leaving
        open_pairs = [var for f, var in incoming if f.fixed_worker != w.id]
        if not open_pairs:
            continue
        receives = model.new_bool_var(f"receives[{w.id}]")
        for var in open_pairs:
            model.add_implication(var, receives)
        added_court = sum(var for f, var in incoming if f.court)
        rule_checks.add_court_cap(model, w, receives, added_court)
        rule_checks.add_load_ceiling(model, w, receives, load_after[w.id])
    aims = _aims(model, instance, x, placed, load_after, volume)
    return _Model(model, x, aims)


def _aims(
    model: cp_model.CpModel,
    instance: RebalanceInstance,
    x: Mapping[tuple[str, str], cp_model.IntVar],
    placed: Mapping[str, cp_model.LinearExprT],
    load_after: Mapping[str, cp_model.LinearExprT],
    volume: cp_model.LinearExprT,
) -> list[cp_model.LinearExprT]:
    weights = unplaced_weights(instance.families)
    forced = [f for f in instance.families if f.forced]
    unplaced = sum(weights[f.id] * (1 - placed[f.id]) for f in forced)
    continuity = sum(
        1 - x.get((f.id, f.continuity_worker), 0)  # a pair left out is a miss
        for f in forced
        if f.continuity_worker is not None
    )
    balanced = [w for w in instance.workers if w.balanced]
    rated = [w for w in balanced if w.capacity > 0]
    top = sum(f.weight for f in instance.families) + max((w.load for w in rated), default=0)
    bound = max((RATIO_SCALE * top // w.capacity + 1 for w in rated), default=1)
    highest = model.new_int_var(0, bound, "highest")
    over = []
    ratios = []
    for w in rated:
        model.add(w.capacity * highest >= RATIO_SCALE * load_after[w.id])
        r = model.new_int_var(0, bound, f"ratio[{w.id}]")
        model.add(w.capacity * r <= RATIO_SCALE * load_after[w.id])
        model.add(RATIO_SCALE * load_after[w.id] <= w.capacity * r + w.capacity - 1)
        ratios.append(r)
    for w in balanced:
        o = model.new_bool_var(f"over[{w.id}]")
        model.add(load_after[w.id] <= w.capacity).only_enforce_if(o.negated())
        over.append(o)
    n = len(ratios)
    deviations = []
    for r in ratios:
        d = model.new_int_var(0, bound, "")
        model.add(n * d >= n * r - sum(ratios))
        model.add(n * d >= sum(ratios) - n * r)
        deviations.append(d)
    return [unplaced, continuity, highest, sum(over), sum(deviations), volume]


def solve_point(
    instance: RebalanceInstance,
    k: int,
    config: SolverConfig,
    deadline: float,
    hint: Mapping[str, str | None] | None = None,
    cancel: CancelToken | None = None,
) -> FrontierPoint:
    """The lexicographic optimum with at most k voluntary moves; `proven` says if it is one."""
    built = build(instance, k)
    model, x = built.model, built.x
    solver = cp_model.CpSolver()
    _hint(model, x, hint or {})
    if cancel is not None:
        cancel.register(solver.stop_search)
    try:
        return _stages(instance, k, built, solver, config, deadline)
    finally:
        if cancel is not None:
            cancel.unregister(solver.stop_search)


def _stages(
    instance: RebalanceInstance,
    k: int,
    built: _Model,
    solver: cp_model.CpSolver,
    config: SolverConfig,
    deadline: float,
) -> FrontierPoint:
    model, x = built.model, built.x
    proven = True
    values: dict[str, int] = {}
    assignment: dict[str, str | None] = dict.fromkeys((f.id for f in instance.families), None)
    for name, cost in zip(AIM_NAMES, built.aims, strict=True):
        if isinstance(cost, int):
            values[name] = cost
            continue
        model.minimize(cost)
        solver.parameters.copy_from(parameters(config, deadline - time.monotonic()))
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False
            break
        proven = proven and status == cp_model.OPTIMAL
        value = round(solver.objective_value)
        values[name] = value
        model.add(cost <= value)
        assignment = _read(instance, x, solver)
        _hint(model, x, assignment)
    highest, over = frontier_figures(instance, assignment)
    used = sum(1 for f in instance.families if not f.forced and assignment[f.id])
    return FrontierPoint(k, assignment, highest, over, used, proven, values)


def _read(
    instance: RebalanceInstance,
    x: Mapping[tuple[str, str], cp_model.IntVar],
    solver: cp_model.CpSolver,
) -> dict[str, str | None]:
    chosen: dict[str, str | None] = dict.fromkeys((f.id for f in instance.families), None)
    for (family_id, worker_id), var in x.items():
        if solver.boolean_value(var):
            chosen[family_id] = worker_id
    return chosen


def _hint(
    model: cp_model.CpModel,
    x: Mapping[tuple[str, str], cp_model.IntVar],
    assignment: Mapping[str, str | None],
) -> None:
    model.clear_hints()
    for (family_id, worker_id), var in x.items():
        model.add_hint(var, assignment.get(family_id) == worker_id)
