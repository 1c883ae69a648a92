"""The registry: the hard rules and the soft aims, listed apart, the aims in their order.

Rules 3, 4, 6, 8 and the exclusions are the core's (`FamilyUnit.eligible`); the model has no
variable for an ineligible pair. Each aim below is optimised in its own stage, in this
order, with every earlier aim held at its optimum. Adult pairing (aim 5) is its own small
model in `solver.adults`, independent of the lead choice.
"""

from __future__ import annotations

from solver.rules import (
    allocation,
    continuity,
    court_cap,
    fixed_worker,
    highest_ratio,
    load_ceiling,
    maximality,
    one_lead,
    over_capacity,
    skills,
    spread,
)
from solver.rules.terms import Aim, HardRule, Term

HARD_RULES: tuple[HardRule, ...] = (
    one_lead.RULE,
    fixed_worker.RULE,
    court_cap.RULE,
    load_ceiling.RULE,
    maximality.RULE,
)

AIMS: tuple[Aim, ...] = (
    *allocation.AIMS,
    continuity.AIM,
    over_capacity.AIM,
    highest_ratio.AIM,
    spread.AIM,
    skills.AIM,
)

__all__ = ["AIMS", "HARD_RULES", "Aim", "HardRule", "Term"]
