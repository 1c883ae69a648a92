"""Hard rule 4 (exclusions): a worker never leads a family that excludes them; exclusions
always hold, over pins too."""

from __future__ import annotations

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import ELIGIBILITY, HardRule

NAME = "Not excluded by the manager"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker a child of the family excludes."""
    if worker.id in family.excluded:
        return f"{worker.label} is excluded from this family by the manager."
    return None


RULE = HardRule(NAME, "4", ELIGIBILITY, check)
