"""Hard rule 7: the load ceiling.

A family that is not fixed may go to a worker only if the worker's load plus every new
weight (fixed families included) stays within `max_load` (capacity × max_load_ratio).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import CAP, HardRule, ModelContext, WeekExprs
from solver.rules.week import allocation_weeks

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

NAME = "Load ceiling"


def percent(ratio: float) -> str:
    """A load ratio as a whole percentage: 0.915 -> '92%'."""
    return f"{ratio * 100:.0f}%"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker whom the family would take above their ceiling."""
    if family.fixed_to(worker.id):
        return None
    after = worker.load + family.weight
    if after <= worker.max_load:
        return None
    if worker.capacity <= 0:
        return f"{worker.label} has no capacity for new cases."
    ceiling = worker.ceiling_ratio or worker.max_load / worker.capacity
    return (
        f"{worker.label} would go to {percent(after / worker.capacity)} of capacity; "
        f"the ceiling is {percent(ceiling)}."
    )


def constrain(model: cp_model.CpModel, week: WeekExprs) -> None:
    """Once the worker receives a non-fixed family: load + new weight <= max_load."""
    worker = week.worker
    room = worker.max_load - worker.load
    if week.fixed_weight is None:
        model.add(week.weight <= room).only_enforce_if(week.receives)
    else:
        model.add(week.weight <= week.fixed_weight + (room - week.fixed_weight) * week.receives)


def breaks(model: cp_model.CpModel, week: WeekExprs, family: FamilyDemand) -> cp_model.IntVar:
    """A literal true only if adding `family` on top of the week passes the ceiling."""
    worker = week.worker
    over = model.new_bool_var(f"over_load[{family.id},{worker.id}]")
    room = worker.max_load - worker.load - family.weight
    model.add(week.weight >= room + 1).only_enforce_if(over)
    return over


def build(context: ModelContext) -> None:
    """The rule for every worker who may receive a family in the allocation model."""
    for week in allocation_weeks(context):
        constrain(context.model, week)


RULE = HardRule(NAME, "7", CAP, check, build, constrain, breaks)
