"""The instance's own eligibility list: a prepared `FamilyUnit.eligible`.

The core works the list out with the eligibility rules above (3, 4, 6, 8 and exclusions),
from facts the solver's `Instance` does not carry; the solver and its validator hold the
plan to that verdict. A demand without a list (`eligible=None`) passes.
"""

from __future__ import annotations

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import ELIGIBILITY, HardRule

NAME = "Not eligible"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker the family's eligibility list leaves out."""
    if family.eligible is None or worker.id in family.eligible:
        return None
    return f"{worker.label} may not lead family {family.id}."


RULE = HardRule(NAME, "3, 4, 6, 8", ELIGIBILITY, check)
