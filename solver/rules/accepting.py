"""Hard rule 4 (accepting): a worker whose `accepting` is no leads nothing new."""

from __future__ import annotations

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import ELIGIBILITY, HardRule

NAME = "Accepting new cases"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker who is not accepting new cases."""
    return None if worker.accepting else f"{worker.label} is not accepting new cases."


RULE = HardRule(NAME, "4", ELIGIBILITY, check)
