"""Aim 1: allocate as much as fits, the most urgent first — one stage per urgency class.

Within a class, each family left unallocated costs `unit + seniority`, where seniority is
1 for the newest referral up to (newest rank - rank + 1) for the oldest, and `unit` exceeds
the class's total seniority: so one more family of the class always wins, and among plans
allocating as many, the one allocating the older referrals (by total seniority) wins. The
classes are separate stages, so a less urgent class never buys anything from a more urgent.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import URGENCY_CLASSES, FamilyUnit, Instance
from solver.rules.terms import Aim, Term
from solver.variables import Variables

CLASS_NAMES = (
    "Allocate court, PLO and child protection families",
    "Allocate children looked after",
    "Allocate assessments",
    "Allocate children in need",
)
PENALTY = "No eligible worker had room"


def unallocated_costs(families: list[FamilyUnit]) -> dict[str, int]:
    """The cost of leaving each family of one urgency class unallocated."""
    if not families:
        return {}
    newest = max(f.referral_rank for f in families)
    seniority = {f.id: newest - f.referral_rank + 1 for f in families}
    unit = sum(seniority.values()) + 1
    return {family_id: unit + s for family_id, s in seniority.items()}


def aim_for_class(urgency: int) -> Aim:
    """The aim that allocates the families of one urgency class (0 = most urgent)."""

    def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> list[Term]:
        families = [f for f in instance.families if f.urgency == urgency and f.fixed_worker is None]
        costs = unallocated_costs(families)
        return [
            Term(PENALTY, 1 - variables.allocated[f.id], costs[f.id], family_id=f.id)
            for f in families
        ]

    return Aim(CLASS_NAMES[urgency], build)


AIMS = tuple(aim_for_class(c) for c in range(URGENCY_CLASSES))
