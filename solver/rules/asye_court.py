"""Hard rule 6: an ASYE never leads a family with a child in PLO or COURT."""

from __future__ import annotations

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import ELIGIBILITY, HardRule

NAME = "No PLO or court family for an ASYE"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a newly qualified worker from a family with a child in PLO or court."""
    if worker.newly_qualified and family.has_court_child:
        return f"{worker.label} is newly qualified (ASYE) and cannot lead a family in PLO or court."
    return None


RULE = HardRule(NAME, "6", ELIGIBILITY, check)
