"""Hard rule 3: only SW, SENIOR, ASYE and ATM lead; FSW, DA, MH and SM never do."""

from __future__ import annotations

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import ELIGIBILITY, HardRule

NAME = "Only SW, SENIOR, ASYE and ATM lead"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker whose role never leads."""
    if worker.leads:
        return None
    return f"{worker.label} is a {worker.role_label} and cannot be a lead worker."


RULE = HardRule(NAME, "3", ELIGIBILITY, check)
