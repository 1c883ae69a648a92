"""Aim 1: allocate as much as fits, the most urgent first — one stage per urgency class.

Within a class, each family left unallocated costs `unit + seniority`. Seniority is strictly
lexicographic by referral: a rank's seniority exceeds the total of all newer ranks' families,
so allocating an older referral always beats any number of newer ones (ties share a rank).
`unit` exceeds the class's total seniority, so one more family of the class always wins
first. Should exact seniority grow too large for the solver's integers (a class of some 40
families of distinct ranks), it falls back to linear seniority (newest 1, then 2, ...), and
older referrals win by their total. The classes are separate stages, so a less urgent class
never buys anything from a more urgent one.
"""

from __future__ import annotations

from solver.instance import URGENCY_CLASSES, FamilyUnit, Instance
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Solution

CLASS_NAMES = (
    "Allocate court, PLO and child protection families",
    "Allocate children looked after",
    "Allocate assessments",
    "Allocate children in need",
)
PENALTY = "No eligible worker had room"


EXACT_LIMIT = 2**40  # beyond this total, seniority falls back to linear


def seniority(families: list[FamilyUnit]) -> dict[str, int]:
    """Each family's referral seniority within its class (older referrals higher)."""
    ranks = sorted({f.referral_rank for f in families}, reverse=True)  # newest first
    counts = {r: sum(1 for f in families if f.referral_rank == r) for r in ranks}
    exact: dict[int, int] = {}
    total = 0
    for rank in ranks:
        exact[rank] = total + 1
        total += exact[rank] * counts[rank]
    if total > EXACT_LIMIT:
        newest = ranks[0]
        return {f.id: newest - f.referral_rank + 1 for f in families}
    return {f.id: exact[f.referral_rank] for f in families}


def unallocated_costs(families: list[FamilyUnit]) -> dict[str, int]:
    """The cost of leaving each family of one urgency class unallocated."""
    if not families:
        return {}
    senior = seniority(families)
    unit = sum(senior.values()) + 1
    return {family_id: unit + s for family_id, s in senior.items()}


def _class_families(instance: Instance, urgency: int) -> list[FamilyUnit]:
    return [f for f in instance.families if f.urgency == urgency and f.fixed_worker is None]


def aim_for_class(urgency: int) -> Aim:
    """The aim that allocates the families of one urgency class (0 = most urgent)."""

    def build(context: ModelContext) -> list[Term]:
        families = _class_families(context.instance, urgency)
        costs = unallocated_costs(families)
        allocated = context.variables.allocated
        return [Term(PENALTY, 1 - allocated[f.id], costs[f.id], family_id=f.id) for f in families]

    def value(instance: Instance, solution: Solution) -> int:
        families = _class_families(instance, urgency)
        costs = unallocated_costs(families)
        return sum(costs[f.id] for f in families if solution.assignment.get(f.id) is None)

    return Aim(CLASS_NAMES[urgency], build, value)


AIMS = tuple(aim_for_class(c) for c in range(URGENCY_CLASSES))
