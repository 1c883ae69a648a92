"""The seam between the rebalance model and the hard rules: the engine's rule registry.

Every cap test the rebalance model (`model.py`), the by-hand baseline (`greedy.py`), the
validator (`validation.py`), the brute-force tests and the core's reasons make goes through
here to the one rule objects of `solver.rules` (`CAP_RULES`: rule 5, the court cap, and rule
7, the load ceiling): their predicate `check(WorkerState, FamilyDemand)` with its sentence,
and their model constraint `constrain(model, WeekExprs)`. No rule is written again here.
Eligibility (rules 3, 4, 6, 8, exclusions) is the core's, asked of the same registry.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.rebalance.instance import MovingFamily, TeamWorker
from solver.rules import CAP_RULES, FamilyDemand, HardRule, WorkerState, first_block
from solver.rules import court_cap as court_cap_rule
from solver.rules import load_ceiling as load_ceiling_rule
from solver.rules.terms import WeekExprs

COURT_CAP = court_cap_rule.NAME
LOAD_CEILING = load_ceiling_rule.NAME


def state(
    worker: TeamWorker, load: int | None = None, added_court: int = 0, name: str = ""
) -> WorkerState:
    """The worker as the rules see them now: `load` (default: before any move) and the
    court families received so far; rule 5's "at the cap" looks at the court load before."""
    return WorkerState(
        id=worker.id,
        capacity=worker.capacity,
        max_load=worker.max_load,
        load=worker.load if load is None else load,
        court_load=worker.court_load + added_court,
        court_cap=worker.court_cap,
        court_before=worker.court_load,
        name=name,
    )


def demand(family: MovingFamily) -> FamilyDemand:
    """The moving family as the rules see it (the caps never stop its fixed worker)."""
    return FamilyDemand(
        id=family.id,
        weight=family.weight,
        court=family.court,
        fixed_worker=family.fixed_worker if family.forced else None,
        eligible=frozenset(family.eligible),
    )


def block(worker: WorkerState, family: MovingFamily) -> tuple[HardRule, str] | None:
    """The cap rule that stops `worker` (in that state) taking `family`, with its sentence."""
    return first_block(worker, demand(family), CAP_RULES)


def fits(worker: WorkerState, family: MovingFamily) -> bool:
    """Whether every cap rule lets `worker` take `family` on top of what they hold now."""
    return block(worker, family) is None


def constrain(
    model: cp_model.CpModel,
    worker: TeamWorker,
    receives: cp_model.IntVar,
    weight: cp_model.LinearExprT,
    court: cp_model.LinearExprT,
    fixed_weight: int,
    fixed_court: int,
) -> None:
    """Every cap rule as a constraint on one worker: `weight` is the net weight the moves
    bring them (arrivals less departures), `court` the court families they receive;
    `fixed_weight`/`fixed_court` the most the families fixed to them can bring."""
    week = WeekExprs(state(worker), receives, weight, court, fixed_weight, fixed_court)
    for rule in CAP_RULES:
        if rule.constrain is not None:
            rule.constrain(model, week)
