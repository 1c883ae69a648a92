"""Why one worker cannot take one family on top of the current plan: the rule and its sentence.

Nothing is judged here: each question goes to the predicate that already answers it —
eligibility's `broken_rule` (rules 3, 4, 6, 8 and the exclusions), `pair_check.pair_block`
(the family's own worker, rules 2 and 9, and the caps before the week) and the reasons'
`cap_block` (rules 5 and 7 on top of everything else the plan gives the worker), the
checks the manager's own choices go through (`choice_check`).
"""

from __future__ import annotations

from dataclasses import dataclass

from fsp_allocator.allocation.eligibility import broken_rule, family_team
from fsp_allocator.allocation.instance_builder import FamilyPlan, Preparation
from fsp_allocator.allocation.pair_check import pair_block
from fsp_allocator.allocation.reasons import cap_block
from fsp_allocator.domain import TeamData, Worker
from fsp_allocator.weighting import WorkerLoad, court_cap
from solver.rules import PAIR_RULES


@dataclass(frozen=True, slots=True)
class Block:
    """The rule that stops a worker ("Rule 5: Court cap reached") and its own sentence."""

    rule: str
    sentence: str


def rule_label(name: str) -> str:
    """'Rule 5: Court cap reached' for a rule of the registry named `name`."""
    rule = next((r for r in PAIR_RULES if r.name == name), None)
    if rule is None or not rule.number:
        return name
    word = "Rules" if "," in rule.number else "Rule"
    return f"{word} {rule.number}: {rule.name}"


def block(
    data: TeamData,
    prep: Preparation,
    plan: FamilyPlan,
    worker: Worker,
    planned: WorkerLoad,
    court_before: int,
) -> Block | None:
    """The first rule that stops `worker` taking the family when they already hold
    `planned` (the plan without this family), or None when none does."""
    broken = broken_rule(worker, plan.family, family_team(plan.family, data), data.settings.week)
    if broken is not None:
        return Block(*broken)
    found = pair_block(data, prep, plan, worker)
    if found is None:  # the cap rules themselves let a family's fixed worker take it
        cap = court_cap(worker, data.settings)
        found = cap_block(worker, plan, planned, cap, data.settings, court_before)
    if found is None:
        return None
    name, sentence = found
    return Block(rule_label(name), sentence)
