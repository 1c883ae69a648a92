"""The registry: every hard rule and every aim, each one named object in its own file.

`HARD_RULES` are never broken; each is a predicate (`check(worker, family)`, the sentence
when it bites) and its model constraint (`build`), and the validator asks each of them.
`AIMS` are optimised in this order, each in its own stage with every earlier aim held at
its optimum; each recomputes its value from a plan (`value`). `solver.rules.checks` gives
the pair rules in the order a manager is told and the functions every model asks:
`first_block`, `fits`, `candidate_pairs`. See solver/README.md, "Using the rules from
another model".
"""

from __future__ import annotations

from solver.rules import (
    adult_pairing,
    allocation,
    continuity,
    fixed_worker,
    highest_ratio,
    maximality,
    one_lead,
    over_capacity,
    required,
    skills,
    spread,
)
from solver.rules.checks import (
    CAP_RULES,
    ELIGIBILITY_RULES,
    PAIR_RULES,
    candidate_pairs,
    first_block,
    fits,
)
from solver.rules.facts import FamilyDemand, WorkerState, family_demand, worker_state
from solver.rules.terms import CAP, ELIGIBILITY, PLAN, Aim, HardRule, ModelContext, Term

HARD_RULES: tuple[HardRule, ...] = (
    one_lead.RULE,
    *ELIGIBILITY_RULES,
    fixed_worker.RULE,
    *CAP_RULES,
    maximality.RULE,
    required.RULE,
)

AIMS: tuple[Aim, ...] = (
    *allocation.AIMS,
    continuity.AIM,
    over_capacity.AIM,
    highest_ratio.AIM,
    spread.AIM,
    skills.AIM,
    adult_pairing.AIM,
)

__all__ = [
    "AIMS",
    "CAP",
    "CAP_RULES",
    "ELIGIBILITY",
    "ELIGIBILITY_RULES",
    "HARD_RULES",
    "PAIR_RULES",
    "PLAN",
    "Aim",
    "FamilyDemand",
    "HardRule",
    "ModelContext",
    "Term",
    "WorkerState",
    "candidate_pairs",
    "family_demand",
    "first_block",
    "fits",
    "worker_state",
]
