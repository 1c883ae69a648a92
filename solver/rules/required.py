"""The manager's forced choices (`require`): family -> worker, as a hard rule.

Used by the core's "why not Sam?" re-solve. `check_required` explains, before any search,
a forced choice that breaks a hard rule; `build` then pins the choices in the model.
"""

from __future__ import annotations

from collections.abc import Mapping

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.variables import Variables, fixed_totals

NAME = "Manager's forced choice"


def check_required(instance: Instance, require: Mapping[str, str]) -> str | None:
    """A sentence saying which hard rule the forced choices break, or None if they fit."""
    families = {f.id: f for f in instance.families}
    workers = {w.id: w for w in instance.workers}
    weight, court = fixed_totals(instance)
    receives: set[str] = set()
    for family_id, worker_id in sorted(require.items()):
        family = families.get(family_id)
        if family is None:
            return f"Family {family_id} is not among this week's families."
        if worker_id not in workers:
            return f"Worker {worker_id} is not a lead worker of team {instance.team}."
        if family.fixed_worker is not None:
            if family.fixed_worker != worker_id:
                return (
                    f"Kept with the family's own worker: family {family_id} must go to "
                    f"{family.fixed_worker}."
                )
            continue
        if worker_id not in family.eligible:
            return f"Not eligible: {worker_id} may not lead family {family_id}."
        weight[worker_id] += family.weight
        court[worker_id] += int(family.court)
        receives.add(worker_id)
    for worker_id in sorted(receives):
        worker = workers[worker_id]
        if worker.court_load >= worker.court_cap:
            return (
                f"Court cap reached: {worker_id} already leads {worker.court_load} court "
                f"families (cap {worker.court_cap})."
            )
        if worker.court_load + court[worker_id] > worker.court_cap:
            return (
                f"Court cap reached: {worker_id} would lead "
                f"{worker.court_load + court[worker_id]} court families (cap {worker.court_cap})."
            )
        if worker.load + weight[worker_id] > worker.max_load:
            return (
                f"Load ceiling: {worker_id} would carry {worker.load + weight[worker_id]} "
                f"hundredths, above their ceiling of {worker.max_load}."
            )
    return None


def build(model: cp_model.CpModel, variables: Variables, require: Mapping[str, str]) -> None:
    """x[f, w] = 1 for each forced choice (call only after `check_required` passed)."""
    for family_id, worker_id in require.items():
        model.add(variables.x[family_id, worker_id] == 1)
