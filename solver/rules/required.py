"""The manager's forced choices (`require`): family -> worker, as a hard rule.

Used by the core's "why not Sam?" re-solve and the ranked alternatives. `check_required`
explains, before any search, a forced choice that breaks a hard rule (asking the same pair
rules as everything else); `build` then pins the choices in the model.
"""

from __future__ import annotations

from collections.abc import Mapping

from solver.instance import Instance
from solver.rules import fixed_worker
from solver.rules.checks import CAP_RULES, ELIGIBILITY_RULES, first_block
from solver.rules.facts import family_demand, received
from solver.rules.terms import PLAN, HardRule, ModelContext

NAME = "Manager's forced choice"


def check_required(instance: Instance, require: Mapping[str, str]) -> str | None:
    """A sentence saying which hard rule the forced choices break, or None if they fit."""
    families = {f.id: f for f in instance.families}
    states = received(instance, {}, fixed_only=True)
    forced: list[tuple[str, str]] = []
    for family_id, worker_id in sorted(require.items()):
        family = families.get(family_id)
        if family is None:
            return f"Family {family_id} is not among this week's families."
        if worker_id not in states:
            return f"Worker {worker_id} is not a lead worker of team {instance.team}."
        demand = family_demand(family)
        if demand.fixed_to(worker_id):
            continue
        blocked = first_block(states[worker_id], demand, (fixed_worker.RULE, *ELIGIBILITY_RULES))
        if blocked is not None:
            return f"{blocked[0].name}: {blocked[1]}"
        states[worker_id] = states[worker_id].taking(demand)
        forced.append((family_id, worker_id))
    for family_id, worker_id in sorted(forced, key=lambda pair: (pair[1], pair[0])):
        demand = family_demand(families[family_id])
        blocked = first_block(states[worker_id].without(demand), demand, CAP_RULES)
        if blocked is not None:
            return f"{blocked[0].name}: {blocked[1]}"
    return None


def build(context: ModelContext) -> None:
    """x[f, w] = 1 for each forced choice (call only after `check_required` passed)."""
    for family_id, worker_id in context.require.items():
        context.model.add(context.variables.x[family_id, worker_id] == 1)


RULE = HardRule(NAME, "", PLAN, build=build)
