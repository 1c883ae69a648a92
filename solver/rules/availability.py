"""Hard rule 4 (dates): a worker leads nothing new before `available_from` or after
`available_to`."""

from __future__ import annotations

from datetime import date

from solver.rules.facts import FamilyDemand, WorkerState
from solver.rules.terms import ELIGIBILITY, HardRule

NAME = "Available this week"


def format_date(day: date) -> str:
    """A date as a manager writes it: `1 December 2026`."""
    return f"{day.day} {day.strftime('%B %Y')}"


def check(worker: WorkerState, family: FamilyDemand) -> str | None:
    """Stops a worker who is not available in the family's week."""
    week = family.week
    if week is None:
        return None
    if worker.available_from is not None and week < worker.available_from:
        return f"{worker.label} is not available until {format_date(worker.available_from)}."
    if worker.available_to is not None and week > worker.available_to:
        return f"{worker.label} has not been available since {format_date(worker.available_to)}."
    return None


RULE = HardRule(NAME, "4", ELIGIBILITY, check)
