"""The pair rules in the order they are asked, and the questions every model asks of them.

`first_block(worker, family)` is the one place a (worker, family) pair is judged: the model's
candidate pairs, the greedy plan, maximality, forced choices, the validator and the core's
reasons all call it. Pass `rules=` to ask a subset (an overflow model leaves out rule 8).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from solver.instance import Instance
from solver.rules import (
    accepting,
    asye_court,
    availability,
    court_cap,
    exclusion,
    fixed_worker,
    lead_role,
    listed,
    load_ceiling,
    same_team,
)
from solver.rules.facts import FamilyDemand, WorkerState, family_demand, received
from solver.rules.terms import HardRule

# Who may lead the family at all (the first that bites gives the sentence).
ELIGIBILITY_RULES: tuple[HardRule, ...] = (
    lead_role.RULE,
    same_team.RULE,
    availability.RULE,
    accepting.RULE,
    exclusion.RULE,
    asye_court.RULE,
    listed.RULE,
)
# What the worker's week leaves room for (not asked for the family's fixed worker).
CAP_RULES: tuple[HardRule, ...] = (court_cap.RULE, load_ceiling.RULE)
# Every rule a single (worker, family) pair can break, in the order a manager is told.
PAIR_RULES: tuple[HardRule, ...] = (*ELIGIBILITY_RULES, fixed_worker.RULE, *CAP_RULES)


def first_block(
    worker: WorkerState, family: FamilyDemand, rules: Iterable[HardRule] = PAIR_RULES
) -> tuple[HardRule, str] | None:
    """The first rule that stops `worker` taking `family`, with its sentence; None if none."""
    for rule in rules:
        why = rule.check(worker, family)
        if why is not None:
            return rule, why
    return None


def fits(worker: WorkerState, family: FamilyDemand, rules: Iterable[HardRule] = PAIR_RULES) -> bool:
    """Whether every rule lets `worker` (in their current state) take `family`."""
    return first_block(worker, family, rules) is None


# The last instances' candidate pairs, by identity: one solve asks about five times (the
# model, the greedy plan, each aim's value), each time every pair rule with its sentence.
_PAIRS: dict[int, tuple[Instance, dict[str, tuple[str, ...]]]] = {}
_PAIRS_KEPT = 16


def candidate_pairs(instance: Instance) -> dict[str, list[str]]:
    """family id -> the workers a plan may give it to, in the family's eligible order.

    A fixed family: its fixed worker. Any other: each eligible worker whom every pair rule
    lets take it on top of their fixed families alone (loads only grow, so a worker the caps
    stop now is stopped in every plan). Worked out once per instance (instances are frozen).
    """
    kept = _PAIRS.get(id(instance))
    if kept is None or kept[0] is not instance:
        kept = (instance, _pairs_of(instance))
        if len(_PAIRS) >= _PAIRS_KEPT:
            _PAIRS.clear()
        _PAIRS[id(instance)] = kept
    return {family_id: list(workers) for family_id, workers in kept[1].items()}


def _pairs_of(instance: Instance) -> dict[str, tuple[str, ...]]:
    base = received(instance, {}, fixed_only=True)
    pairs: dict[str, tuple[str, ...]] = {}
    for family in instance.families:
        if family.fixed_worker is not None:
            pairs[family.id] = (family.fixed_worker,) if family.fixed_worker in base else ()
            continue
        demand = family_demand(family)
        pairs[family.id] = tuple(
            w for w in dict.fromkeys(family.eligible) if w in base and fits(base[w], demand)
        )
    return pairs


def demands(instance: Instance) -> Mapping[str, FamilyDemand]:
    """Every family of the instance as a rule demand, by id."""
    return {f.id: family_demand(f) for f in instance.families}
