"""Hard rule 5: the court cap.

A worker whose court load was at or above their cap before the week receives no new family
that is not fixed to them. Otherwise, once they receive any non-fixed family, their court
load plus every new court family (fixed ones included) stays within the cap. Fixed families
alone may take a worker over the cap (rules 2 and 9); they then get nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import CAP, HardRule, ModelContext, WeekExprs
from solver.rules.week import allocation_weeks

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

NAME = "Court cap reached"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker at the cap before the week, or whom the family would take over it."""
    if family.fixed_to(worker.id):
        return None
    if worker.court_before >= worker.court_cap:
        return f"{worker.label} is at the court cap ({worker.court_before} of {worker.court_cap})."
    after = worker.court_load + int(family.court)
    if after > worker.court_cap:
        return f"{worker.label} would go over the court cap ({after} of {worker.court_cap})."
    return None


def constrain(model: cp_model.CpModel, week: WeekExprs) -> None:
    """Once the worker receives a non-fixed family: below the cap before the week, and
    court load + new court families within it."""
    worker = week.worker
    if worker.court_before >= worker.court_cap:
        model.add(week.receives == 0)
        return
    room = worker.court_cap - worker.court_load
    if week.fixed_court is None:
        model.add(week.court <= room).only_enforce_if(week.receives)
    else:
        model.add(week.court <= week.fixed_court + (room - week.fixed_court) * week.receives)


def breaks(model: cp_model.CpModel, week: WeekExprs, family: FamilyDemand) -> cp_model.IntVar:
    """A literal true only if adding `family` on top of the week goes over the cap."""
    worker = week.worker
    over = model.new_bool_var(f"over_court[{family.id},{worker.id}]")
    room = worker.court_cap - worker.court_load - int(family.court)
    model.add(week.court >= room + 1).only_enforce_if(over)
    return over


def build(context: ModelContext) -> None:
    """The rule for every worker who may receive a family in the allocation model."""
    for week in allocation_weeks(context):
        constrain(context.model, week)


RULE = HardRule(NAME, "5", CAP, check, build, constrain, breaks)
