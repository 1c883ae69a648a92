"""Hard rule 8: teams are independent; a new family is allocated within its own team.

A model that lets families cross teams (overflow) leaves this rule out of the set it asks.
"""

from __future__ import annotations

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import ELIGIBILITY, HardRule

NAME = "Within the family's own team"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker of another team, and everyone when the family's team is not known."""
    if family.team is None:
        return "The family's team is not known, so it cannot be placed within a team."
    if worker.team != family.team:
        return f"{worker.label} works in {worker.team}, not in {family.team}, the family's team."
    return None


RULE = HardRule(NAME, "8", ELIGIBILITY, check)
