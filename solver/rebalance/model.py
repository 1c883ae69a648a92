"""One frontier point: the lexicographic optimum with at most k voluntary moves.

Each forced family is one 0/1 choice per receiver. Voluntary candidates of one worker with
the same weight and receivers are interchangeable, so they are one group with a count per
receiver: that removes the symmetric choices that otherwise make the proof grow with k.
Aims, each its own stage with every earlier one held at its value: re-home forced families
(most urgent first), continuity, the highest load / capacity, the count above capacity,
the spread, the fewest voluntary moves. The cap rules come from `rule_checks` only.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.progress import CancelToken
from solver.rebalance import rule_checks
from solver.rebalance.figures import (
    AIM_NAMES,
    FEWEST_MOVES,
    aim_values,
    balance_rank,
    frontier_figures,
    ratio_scale,
    unplaced_weights,
)
from solver.rebalance.instance import MovingFamily, RebalanceInstance, TeamWorker
from solver.rebalance.solution import FrontierPoint
from solver.solution import SolverConfig
from solver.stages import parameters

Assignment = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Group:
    """Families the model treats as one (a forced family is always alone)."""

    members: tuple[MovingFamily, ...]

    @property
    def first(self) -> MovingFamily:
        """The family standing for the group (they share worker, weight and receivers)."""
        return self.members[0]


@dataclass
class Built:
    """A point's model, its groups, its choice variables and its aims' cost expressions."""

    model: cp_model.CpModel
    groups: list[Group]
    y: dict[tuple[int, str], cp_model.IntVar]  # (group index, receiver) -> families moved
    aims: list[cp_model.LinearExprT]


def groups_of(instance: RebalanceInstance) -> list[Group]:
    """Forced families one by one, then voluntary candidates grouped, in instance order."""
    groups: list[Group] = []
    voluntary: dict[tuple[str, int, tuple[str, ...]], list[MovingFamily]] = {}
    for f in instance.families:
        if f.forced:
            groups.append(Group((f,)))
        else:
            voluntary.setdefault((f.from_worker, f.weight, f.eligible), []).append(f)
    groups += [Group(tuple(members)) for members in voluntary.values()]
    return groups


def _possible(family: MovingFamily, worker: TeamWorker, lowest_load: int) -> bool:
    """Whether the pair can ever be used: the fixed worker always; others when the cap
    rules let them take it at the lowest load the moves could bring them to."""
    if worker.id == family.fixed_worker:
        return True
    if (family.forced and family.fixed_worker is not None) or worker.id == family.from_worker:
        return False
    return rule_checks.fits(rule_checks.state(worker, lowest_load), family)


def _lowest_loads(instance: RebalanceInstance, k: int) -> dict[str, int]:
    """Each worker's load less their k heaviest voluntary candidates and every forced family."""
    lowest = {}
    for w in instance.workers:
        own = [f for f in instance.families if f.from_worker == w.id]
        voluntary = sorted((f.weight for f in own if not f.forced), reverse=True)[:k]
        lowest[w.id] = w.load - sum(voluntary) - sum(f.weight for f in own if f.forced)
    return lowest


def build(instance: RebalanceInstance, k: int) -> Built:
    """The model for at most k voluntary moves, with its six aims' cost expressions."""
    model = cp_model.CpModel()
    workers = {w.id: w for w in instance.workers}
    lowest = _lowest_loads(instance, k)
    groups = groups_of(instance)
    y: dict[tuple[int, str], cp_model.IntVar] = {}
    placed: dict[int, cp_model.LinearExprT] = {}
    for g, group in enumerate(groups):
        f = group.first
        most = 1 if f.forced else min(len(group.members), k)
        if most == 0:
            placed[g] = 0
            continue
        options = [r for r in f.eligible if r in workers and _possible(f, workers[r], lowest[r])]
        for r in options:
            y[g, r] = model.new_int_var(0, most, f"y[{f.id},{r}]")
        placed[g] = sum(y[g, r] for r in options)
        model.add(placed[g] <= most)
        if f.forced and f.fixed_worker is not None and f.fixed_worker in options:
            model.add(y[g, f.fixed_worker] == 1)
    volume = sum(placed[g] for g, group in enumerate(groups) if not group.first.forced)
    if not isinstance(volume, int):
        model.add(volume <= k)
    load_after: dict[str, cp_model.LinearExprT] = {}
    for w in instance.workers:
        incoming = [(groups[g].first, var) for (g, r), var in y.items() if r == w.id]
        leaving = [
            (placed[g], group.first.weight)
            for g, group in enumerate(groups)
            if group.first.from_worker == w.id
        ]
        net = cp_model.LinearExpr.weighted_sum(
            [v for _, v in incoming], [f.weight for f, _ in incoming]
        ) - cp_model.LinearExpr.weighted_sum([p for p, _ in leaving], [wt for _, wt in leaving])
        load_after[w.id] = w.load + net
        open_pairs = [var for f, var in incoming if f.fixed_worker != w.id]
        if not open_pairs:
            continue
        receives = model.new_bool_var(f"receives[{w.id}]")
        for var in open_pairs:
            model.add(var == 0).only_enforce_if(receives.negated())
        added_court = sum(var for f, var in incoming if f.court)
        fixed = [(f, var.proto.domain[-1]) for f, var in incoming if f.fixed_worker == w.id]
        fixed_weight = sum(f.weight * most for f, most in fixed)
        fixed_court = sum(most for f, most in fixed if f.court)
        rule_checks.constrain(model, w, receives, net, added_court, fixed_weight, fixed_court)
    aims = _aims(model, instance, groups, y, placed, load_after, volume)
    return Built(model, groups, y, aims)


def _aims(
    model: cp_model.CpModel,
    instance: RebalanceInstance,
    groups: list[Group],
    y: Mapping[tuple[int, str], cp_model.IntVar],
    placed: Mapping[int, cp_model.LinearExprT],
    load_after: Mapping[str, cp_model.LinearExprT],
    volume: cp_model.LinearExprT,
) -> list[cp_model.LinearExprT]:
    weights = unplaced_weights(instance.families)
    forced = [(g, group.first) for g, group in enumerate(groups) if group.first.forced]
    unplaced = sum(weights[f.id] * (1 - placed[g]) for g, f in forced)
    continuity = sum(
        1 - y.get((g, f.continuity_worker), 0)  # a pair left out is a miss
        for g, f in forced
        if f.continuity_worker is not None
    )
    balanced = [w for w in instance.workers if w.balanced]
    rated = [w for w in balanced if w.capacity > 0]
    scale = ratio_scale(instance)
    top = sum(f.weight for f in instance.families) + max((w.load for w in rated), default=0)
    bound = max((scale.highest(w.id, top, w.capacity) for w in rated), default=1)
    highest = model.new_int_var(0, bound, "highest")
    ratios: list[cp_model.LinearExprT] = []
    for w in rated:
        if scale.exact:  # every ratio a linear expression of the moves: no rounding variable
            ratio = load_after[w.id] * scale.multiplier[w.id]
            model.add(highest >= ratio)
        else:
            ratio = model.new_int_var(0, bound, f"ratio[{w.id}]")
            model.add(w.capacity * ratio <= scale.scale * load_after[w.id])
            model.add(scale.scale * load_after[w.id] <= w.capacity * ratio + w.capacity - 1)
            model.add(w.capacity * highest >= scale.scale * load_after[w.id])
        ratios.append(ratio)
    over = []
    for w in balanced:
        o = model.new_bool_var(f"over[{w.id}]")
        model.add(load_after[w.id] <= w.capacity).only_enforce_if(o.negated())
        over.append(o)
    n, total = len(ratios), cp_model.LinearExpr.sum(ratios)
    above = []  # one-sided: Σ max(0, n·r − Σr) is half of Σ |n·r − Σr| (figures.aim_values)
    for r in ratios:
        d = model.new_int_var(0, n * bound, "")
        model.add(d >= cp_model.LinearExpr.weighted_sum([r], [n]) - total)
        above.append(d)
    return [unplaced, continuity, highest, sum(over), sum(above), volume]


def solve_point(
    instance: RebalanceInstance,
    k: int,
    config: SolverConfig,
    deadline: float,
    hint: Assignment | None = None,
    cancel: CancelToken | None = None,
    one_fewer: Mapping[str, int] | None = None,
) -> FrontierPoint:
    """The lexicographic optimum with at most k voluntary moves; `proven` says if it is one.

    `hint` is a plan with fewer moves (the previous frontier point's): it is feasible here,
    so it bounds every aim from the start, and when a limit stops a stage before it finds a
    plan the point keeps the best plan found so far (never worse than the hint).
    `one_fewer` is the proven optimum's aim values with k - 1 moves, when known: a plan
    that beats it must make all k moves, so the fewest-moves stage needs no search.
    """
    built = build(instance, k)
    solver = cp_model.CpSolver()
    start = dict(hint) if hint and _representable(built, hint) else {}
    _hint(built, start)
    if cancel is not None:
        cancel.register(solver.stop_search)
    try:
        return _stages(instance, k, built, solver, config, deadline, start, one_fewer)
    finally:
        if cancel is not None:
            cancel.unregister(solver.stop_search)


WARM_SECONDS = 0.6  # each stage's first, hinted optimisation: most stages end within it
# (0.6 rather than 0.3: the county's solving 88-90 -> 80.5-81 s of CPU, the team the same)


def _parameters(config: SolverConfig, seconds: float, cuts: bool = True) -> cp_model.SatParameters:
    """The engine's stage parameters, three presolve passes, and cut generators if `cuts`.

    The descent's "is there a plan one lower?" is a packing argument ("no k moves bring
    everyone under this ratio") that the cuts close: on the county's hardest team the "no"
    takes 3 s with them and 23 s without. The short hinted optimisation runs without them,
    as the weekly stages do (the team benchmark: 1.9 s against 5.7 s with cuts there too).
    """
    params = parameters(config, seconds)
    params.linearization_level = 2
    params.cut_level = 1 if cuts else 0
    params.max_presolve_iterations = 3
    return params


def _stages(
    instance: RebalanceInstance,
    k: int,
    built: Built,
    solver: cp_model.CpSolver,
    config: SolverConfig,
    deadline: float,
    start: dict[str, str | None],
    one_fewer: Mapping[str, int] | None,
) -> FrontierPoint:
    proven = True
    assignment = start
    for name, cost in zip(AIM_NAMES, built.aims, strict=True):
        if isinstance(cost, int):
            continue
        if name == FEWEST_MOVES and _must_use_all(instance, k, assignment, one_fewer):
            break
        found = _stage(instance, built, solver, config, deadline, name, cost, assignment)
        if found is None:
            proven = False
            break
        assignment, stage_proven = found
        proven = proven and stage_proven
    if not assignment:
        return FrontierPoint(k, assignment, 0.0, 0, 0, False, {})
    highest, over = frontier_figures(instance, assignment)
    used = sum(1 for f in instance.families if not f.forced and assignment[f.id])
    values = aim_values(instance, assignment)
    return FrontierPoint(k, assignment, highest, over, used, proven, values)


def _must_use_all(
    instance: RebalanceInstance,
    k: int,
    assignment: Mapping[str, str | None],
    one_fewer: Mapping[str, int] | None,
) -> bool:
    """Whether the plan in hand is proven to need its k moves: it beats (by the balance
    aims) the proven optimum with k - 1 moves, so every plan as good makes k moves."""
    if one_fewer is None or not assignment:
        return False
    values = aim_values(instance, assignment)
    return balance_rank(values) < balance_rank(one_fewer) and values[FEWEST_MOVES] == k


def _stage(
    instance: RebalanceInstance,
    built: Built,
    solver: cp_model.CpSolver,
    config: SolverConfig,
    deadline: float,
    name: str,
    cost: cp_model.LinearExprT,
    assignment: dict[str, str | None],
) -> tuple[dict[str, str | None], bool] | None:
    """One aim at its optimum with the earlier aims held: (plan, proven), None if no plan.

    A short hinted optimisation first; when it does not prove the optimum, a descent of
    feasibility questions, "is there a plan with this aim one lower?", each asked without a
    hint until the answer is no (the proof) or the time is up. CP-SAT answers those far
    faster than it closes an objective's gap here: finding a tighter plan from the question
    is quick, and a hint the question rules out slows the "no" down (9 s against 0.03 s on
    the county's hardest team). The stage's value is then held for the later aims.
    """
    model = built.model
    if assignment:  # the best plan so far keeps every constraint: it bounds this aim
        model.add(cost <= aim_values(instance, assignment)[name])
    model.minimize(cost)
    left = deadline - time.monotonic()
    solver.parameters.copy_from(
        _parameters(config, min(WARM_SECONDS, left) if assignment else left, cuts=False)
    )
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assignment = _read(instance, built, solver)
    elif not assignment:
        return None
    best = aim_values(instance, assignment)[name]
    proven = status == cp_model.OPTIMAL
    while not proven:
        question = model.clone()
        question.clear_objective()
        question.clear_hints()
        question.add(cost <= best - 1)
        solver.parameters.copy_from(_parameters(config, deadline - time.monotonic()))
        answer = solver.solve(question)
        if answer == cp_model.INFEASIBLE:
            proven = True
        elif answer in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            assignment = _read(instance, built, solver)
            best = aim_values(instance, assignment)[name]
        else:
            break
    model.add(cost <= best)
    _hint(built, assignment)
    return assignment, proven


def _representable(built: Built, plan: Assignment) -> bool:
    """Whether every move of `plan` is a pair this point's model can choose."""
    group_of = {f.id: g for g, group in enumerate(built.groups) for f in group.members}
    return all(to is None or (group_of.get(fid), to) in built.y for fid, to in plan.items())


def _read(
    instance: RebalanceInstance, built: Built, solver: cp_model.CpSolver
) -> dict[str, str | None]:
    """Counts back to families: a group's first members go, in instance order."""
    chosen: dict[str, str | None] = dict.fromkeys((f.id for f in instance.families), None)
    next_member = dict.fromkeys(range(len(built.groups)), 0)
    for (g, worker_id), var in built.y.items():
        for _ in range(solver.value(var)):
            chosen[built.groups[g].members[next_member[g]].id] = worker_id
            next_member[g] += 1
    return chosen


def _hint(built: Built, assignment: Assignment) -> None:
    built.model.clear_hints()
    for (g, worker_id), var in built.y.items():
        count = sum(1 for f in built.groups[g].members if assignment.get(f.id) == worker_id)
        built.model.add_hint(var, min(count, var.proto.domain[-1]))
