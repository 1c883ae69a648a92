"""Whether one worker could take one family at the start of the week, and if not, why.

One question, asked of the solver's rules in the order a manager is told (eligibility,
then the family's own worker, then the caps on the worker's load before the week). "Why
not?", the ranked alternatives and the review's checks all ask it here.
"""

from __future__ import annotations

from dataclasses import replace

from fsp_allocator.allocation.eligibility import family_team, ineligibility
from fsp_allocator.allocation.instance_builder import FamilyPlan, Preparation
from fsp_allocator.allocation.rule_facts import worker_facts
from fsp_allocator.domain import TeamData, Worker, WorkerId
from fsp_allocator.weighting import court_cap
from solver.rules import CAP_RULES, FamilyDemand, family_demand, first_block
from solver.rules import fixed_worker as fixed_worker_rule
from solver.rules import listed as listed_rule


def plan_demand(plan: FamilyPlan, data: TeamData) -> FamilyDemand:
    """The family's demand with why and to whom it is fixed, for the sentences."""
    demand = family_demand(plan.unit)
    fixed = plan.unit.fixed_worker
    if fixed is None:
        return demand
    worker = data.worker_index().get(WorkerId(fixed))
    return replace(demand, fixed_kind=plan.fixed_kind, fixed_name=worker.name if worker else fixed)


def pair_block(
    data: TeamData, prep: Preparation, plan: FamilyPlan, worker: Worker
) -> tuple[str, str] | None:
    """(rule name, sentence) for the rule that stops `worker` taking the family whatever
    else is decided this week; None when none does."""
    wid = worker.worker_id
    if wid not in plan.unit.eligible:
        why = plan.ineligible.get(wid) or ineligibility(
            worker, plan.family, family_team(plan.family, data), data.settings.week
        )
        return (listed_rule.NAME, why) if why is not None else None
    state = worker_facts(worker, prep.loads[wid], court_cap(worker, data.settings), data.settings)
    block = first_block(state, plan_demand(plan, data), (fixed_worker_rule.RULE, *CAP_RULES))
    return (block[0].name, block[1]) if block is not None else None
