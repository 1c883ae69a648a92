"""Check a rebalance plan against every hard rule, without any solver.

Every rebalance test runs it on every frontier point. An empty list means: each family
once; receivers eligible, never the family's own worker; fixed families on their fixed
worker; at most k voluntary moves; the caps (through `rule_checks`) for every worker who
receives a non-fixed family; no unplaced forced family that would still fit somewhere;
and the point's reported figures equal those recomputed from the plan.
"""

from __future__ import annotations

from solver.rebalance import rule_checks
from solver.rebalance.figures import balance_rank, frontier_figures, plan_state
from solver.rebalance.instance import RebalanceInstance
from solver.rebalance.solution import FrontierPoint, RebalanceSolution


def validate_point(instance: RebalanceInstance, point: FrontierPoint) -> list[str]:
    """Every hard rule the point's plan breaks, as sentences (empty = none)."""
    problems: list[str] = []
    workers = {w.id: w for w in instance.workers}
    ids = [f.id for f in instance.families]
    if len(set(ids)) != len(ids):
        problems.append("A family appears twice in the instance.")
    problems += [f"Family {f} is missing from the plan." for f in ids if f not in point.assignment]
    problems += [f"The plan names unknown family {f}." for f in point.assignment if f not in ids]
    for f in instance.families:
        to = point.assignment.get(f.id)
        if f.fixed_worker is not None and f.forced and to != f.fixed_worker:
            problems.append(f"Family {f.id} is not with its fixed worker {f.fixed_worker}.")
        if to is None:
            continue
        if to not in workers:
            problems.append(f"Family {f.id} goes to unknown worker {to}.")
        elif to == f.from_worker:
            problems.append(f"Family {f.id} 'moves' to its own worker {to}.")
        elif to not in f.eligible:
            problems.append(f"Family {f.id} goes to ineligible worker {to}.")
    state = plan_state(instance, point.assignment)
    if state.voluntary_moves > point.moves:
        problems.append(f"{state.voluntary_moves} voluntary moves, more than {point.moves}.")
    if state.voluntary_moves != point.used_moves:
        problems.append(
            f"used_moves says {point.used_moves}, the plan makes {state.voluntary_moves}."
        )
    final = {w: rule_checks.state(workers[w], state.load[w], state.added_court[w]) for w in workers}
    for f in instance.families:  # each pair judged on the receiver's final week without it
        to = point.assignment.get(f.id)
        if to is None or to not in workers or (f.forced and to == f.fixed_worker):
            continue
        without = final[to].without(rule_checks.demand(f))
        broken = rule_checks.block(without, f)
        if broken is not None:
            problems.append(f"{broken[0].name}: family {f.id} to {to}. {broken[1]}")
    for f in instance.families:
        if not f.forced or point.assignment.get(f.id) is not None or f.fixed_worker is not None:
            continue
        for worker_id in f.eligible:
            known = worker_id in workers and worker_id != f.from_worker
            if known and rule_checks.fits(final[worker_id], f):
                problems.append(f"Unplaced family {f.id} would fit with {worker_id}.")
    highest, over = frontier_figures(instance, point.assignment)
    if (highest, over) != (point.max_load_ratio, point.over_capacity):
        problems.append(
            f"Point k={point.moves} reports {point.max_load_ratio}/{point.over_capacity}, "
            f"the plan gives {highest}/{over}."
        )
    return problems


def validate_rebalance(instance: RebalanceInstance, solution: RebalanceSolution) -> list[str]:
    """Every point checked, the frontier never worse as k grows where proven, and one point
    per k from 0."""
    problems: list[str] = []
    for k, point in enumerate(solution.points):
        if point.moves != k:
            problems.append(f"Point {k} is labelled k={point.moves}.")
        problems += [f"k={point.moves}: {p}" for p in validate_point(instance, point)]
    for before, after in zip(solution.points, solution.points[1:], strict=False):
        both = before.proven and after.proven and before.aim_values and after.aim_values
        if both and balance_rank(after.aim_values) > balance_rank(before.aim_values):
            problems.append(f"k={after.moves} is worse than k={before.moves}.")
    return problems
