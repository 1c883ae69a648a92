"""The seam between the rebalance model and the hard rules: every cap test is taken from here.

The model (`model.py`), the by-hand baseline (`greedy.py`), the validator
(`validation.py`), the brute-force tests and the core's reasons all ask these functions,
so a rule is never written a second time for rebalancing. Rules 3, 4, 6, 8, the
exclusions and "not released" are the core's (`MovingFamily.eligible`).

Until the engine's rule registry lands, the two cap rules are stated here once, in the
words of `solver.rules.court_cap` and `solver.rules.load_ceiling`; switching over means
changing only this module.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.rebalance.instance import TeamWorker

COURT_CAP = "Court cap reached"
LOAD_CEILING = "Load ceiling"


def court_cap_allows(worker: TeamWorker, added_court: int) -> bool:
    """Rule 5 for a receiver: below the cap before, and within it with every court family
    it receives (fixed ones included)."""
    return worker.court_load < worker.court_cap and (
        worker.court_load + added_court <= worker.court_cap
    )


def load_ceiling_allows(worker: TeamWorker, load_after: int) -> bool:
    """Rule 7 for a receiver: its load after every move stays within capacity x ratio."""
    return load_after <= worker.max_load


def add_court_cap(
    model: cp_model.CpModel,
    worker: TeamWorker,
    receives: cp_model.IntVar,
    added_court: cp_model.LinearExprT,
) -> None:
    """Rule 5 as a constraint: enforced once the worker receives a non-fixed family."""
    if worker.court_load >= worker.court_cap:
        model.add(receives == 0)
        return
    model.add(worker.court_load + added_court <= worker.court_cap).only_enforce_if(receives)


def add_load_ceiling(
    model: cp_model.CpModel,
    worker: TeamWorker,
    receives: cp_model.IntVar,
    load_after: cp_model.LinearExprT,
) -> None:
    """Rule 7 as a constraint: enforced once the worker receives a non-fixed family."""
    model.add(load_after <= worker.max_load).only_enforce_if(receives)


def cap_problem(worker: TeamWorker, added_court: int, load_after: int) -> str | None:
    """The rule a receiver's final state breaks (its name), or None."""
    if not court_cap_allows(worker, added_court):
        return COURT_CAP
    if not load_ceiling_allows(worker, load_after):
        return LOAD_CEILING
    return None
