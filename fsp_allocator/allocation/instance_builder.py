"""From `TeamData` to one solver `Instance` per team, keeping what the reasons need.

Rules applied here (the spec's "The rules of allocation"): 2 (a new child of an open family
goes to its worker when they can take it), 3, 4, 6, 8, the exclusions and 9 (pins). The
caps (rules 5 and 7) and the aims are the solver's. Ids in the `Instance` are the domain
ids, so a `Solution` maps straight back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from fsp_allocator.allocation.eligibility import family_team, ineligibility
from fsp_allocator.allocation.family_facts import (
    match_score,
    pin_of,
    previous_worker,
    referral_ranks,
)
from fsp_allocator.allocation.rule_facts import ceiling_units, to_units
from fsp_allocator.domain import (
    STAGE_URGENCY,
    ChildId,
    Family,
    FamilyId,
    TeamData,
    TeamName,
    Worker,
    WorkerId,
)
from fsp_allocator.factors import trio_roles
from fsp_allocator.weighting import WorkerLoad, capacity, child_weights, court_cap, worker_loads
from solver import AdultWorker, FamilyUnit, Instance, LeadWorker
from solver.rules import court_cap as court_cap_rule
from solver.rules import family_demand, load_ceiling, worker_state
from solver.rules.facts import OPEN_FAMILY, PIN


@dataclass(frozen=True, slots=True)
class FamilyPlan:
    """One family to place, with what the reasons and why-not need besides its `FamilyUnit`."""

    family: Family
    team: TeamName | None
    unit: FamilyUnit
    ineligible: Mapping[WorkerId, str]  # lead-role workers who may not lead it, with why
    fixed_kind: str | None = None  # PIN or OPEN_FAMILY when `unit.fixed_worker` is set
    open_lead: WorkerId | None = None  # the worker leading the open siblings, if any


@dataclass(frozen=True, slots=True)
class TeamPlan:
    """One team's solver `Instance` and the plans of its families."""

    team: TeamName
    instance: Instance
    families: Mapping[FamilyId, FamilyPlan]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Preparation:
    """Everything prepared for a week: team plans, families with no team, warnings."""

    teams: tuple[TeamPlan, ...]
    homeless: tuple[FamilyPlan, ...]  # new families whose team has no workers
    loads: Mapping[WorkerId, WorkerLoad] = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple[str, ...] = ()  # about the families with no team
    # every child's weight (`child_weights` of the data), computed once for the week
    weights: Mapping[ChildId, float] = field(default_factory=lambda: MappingProxyType({}))


def _lead_worker(worker: Worker, data: TeamData, load: WorkerLoad) -> LeadWorker:
    cap = capacity(worker, data.settings)
    ceiling = ceiling_units(cap, data.settings)
    return LeadWorker(
        id=worker.worker_id,
        capacity=to_units(cap),
        max_load=ceiling,
        load=to_units(load.load),
        court_load=load.court,
        court_cap=court_cap(worker, data.settings),
    )


def _adult_worker(worker: Worker, data: TeamData, load: WorkerLoad) -> AdultWorker:
    """Aim 5: a practitioner below `adult_capacity_<ROLE>` x fte families may take one more,
    so 7.5 lets one holding 7 reach 8: the most they may hold is that figure rounded up."""
    week = data.settings.week
    return AdultWorker(
        id=worker.worker_id,
        role=worker.role.value,
        capacity=math.ceil(capacity(worker, data.settings) - 1e-6),
        families=load.families,
        available=worker.is_available_on(week) and worker.accepting,
    )


def _name(index: Mapping[WorkerId, Worker], worker_id: WorkerId) -> str:
    worker = index.get(worker_id)
    return worker.name if worker is not None else worker_id


def _fix(
    family: Family,
    data: Mapping[WorkerId, Worker],
    eligible: list[WorkerId],
    ineligible: dict[WorkerId, str],
    warnings: list[str],
) -> tuple[WorkerId | None, str | None, WorkerId | None]:
    """Rules 9 then 2: the worker the family must go to, and why (PIN / OPEN_FAMILY)."""
    fid = family.family_id
    open_lead = family.lead_worker_ids[0] if family.lead_worker_ids else None
    pin = pin_of(family)
    if pin is not None:
        if pin in eligible:
            return pin, PIN, open_lead
        why = ineligible.get(pin) or f"{_name(data, pin)} cannot lead families."
        warnings.append(
            f"Family {fid}: the pin to {_name(data, pin)} cannot be honoured. {why} "
            "The family is allocated as if unpinned."
        )
    if open_lead is not None:
        if open_lead in eligible:
            return open_lead, OPEN_FAMILY, open_lead
        why = ineligible.get(open_lead) or f"{_name(data, open_lead)} cannot lead families."
        warnings.append(
            f"Family {fid}: {_name(data, open_lead)} leads this family's open cases but cannot "
            f"take the new children. {why} They are allocated as a new family would be, so "
            "the family may now have two workers."
        )
    return None, None, open_lead


def plan_family(
    family: Family,
    data: TeamData,
    index: Mapping[WorkerId, Worker],
    weights: Mapping[ChildId, float],
    team: TeamName | None,
    candidates: list[Worker],
    referral_rank: int,
    warnings: list[str],
) -> FamilyPlan:
    """Eligibility, fixing, urgency and aims data of one family with new children.

    `candidates` are the lead-role workers considered: the family's team (all workers
    when its team is unknown); workers of other teams are ineligible by rule 8.
    """
    week = data.settings.week
    eligible: list[WorkerId] = []
    ineligible: dict[WorkerId, str] = {}
    for worker in candidates:
        why = ineligibility(worker, family, team, week)
        if why is None:
            eligible.append(worker.worker_id)
        else:
            ineligible[worker.worker_id] = why
    fixed, kind, open_lead = _fix(family, index, eligible, ineligible, warnings)
    new_court = any(c.stage.is_court for c in family.new_children)
    already_court = any(c.stage.is_court and c.worker_id == fixed for c in family.open_children)
    previous = previous_worker(family, eligible)
    roles = trio_roles(tuple(f for c in family.new_children for f in c.factors))
    kept = tuple(
        dict.fromkeys(
            a
            for c in family.children
            for a in c.adult_worker_ids
            if a in index and index[a].role.is_adult_practitioner and index[a].team == team
        )
    )
    unit = FamilyUnit(
        id=family.family_id,
        weight=sum(to_units(weights[c.child_id]) for c in family.new_children),
        court=new_court and not already_court,
        urgency=min(STAGE_URGENCY[c.stage] for c in family.new_children),
        referral_rank=referral_rank,
        eligible=tuple(eligible),
        fixed_worker=fixed,
        previous_worker=previous,
        match=MappingProxyType(
            {w: s for w in eligible if (s := match_score(family, index[w])) > 0}
        ),
        adult_roles=tuple(r.value for r in roles),
        adult_kept=kept,
    )
    return FamilyPlan(family, team, unit, MappingProxyType(ineligible), kind, open_lead)


def _cap_warnings(plan: TeamPlan, data: Mapping[WorkerId, Worker]) -> list[str]:
    """Warn when fixed families (pins, open families) take a worker past a cap: what the
    cap rules would refuse were the family not theirs (rules 2 and 9 honour it anyway)."""
    warnings: list[str] = []
    states = {w.id: worker_state(w) for w in plan.instance.workers}
    for fp in plan.families.values():
        worker_id = fp.unit.fixed_worker
        if worker_id is None:
            continue
        lead = plan.instance.worker(worker_id)
        unfixed = replace(family_demand(fp.unit), fixed_worker=None)
        before = states[worker_id]
        states[worker_id] = after = before.taking(unfixed)
        name = _name(data, WorkerId(worker_id))
        why = "pinned by the manager" if fp.fixed_kind == PIN else "their family already"
        fid = fp.family.family_id
        if not load_ceiling.RULE.fits(before, unfixed):
            warnings.append(
                f"Family {fid} ({why}) takes {name} to {after.load / lead.capacity:.0%} of "
                f"capacity, over the ceiling of {lead.max_load / lead.capacity:.0%}."
                if lead.capacity
                else f"Family {fid} ({why}) takes {name} over their load ceiling."
            )
        court_blocks = not court_cap_rule.RULE.fits(before, unfixed)
        if court_blocks and (fp.unit.court or fp.fixed_kind == PIN):
            warnings.append(
                f"Family {fid} ({why}) takes {name} to {after.court_load} families in PLO or "
                f"court; the court cap is {lead.court_cap}."
            )
    return warnings


def prepare(data: TeamData) -> Preparation:
    """Build every team's `Instance` (teams are independent: rule 8)."""
    weights = child_weights(data.children, data.settings)
    loads = worker_loads(data, weights=weights)
    index = data.worker_index()
    by_team: dict[TeamName, list[Worker]] = {}
    for worker in data.workers:
        if worker.role.leads:
            by_team.setdefault(worker.team, []).append(worker)
    everyone = [w for w in data.workers if w.role.leads]
    pending = [f for f in data.families() if f.new_children]
    ranks = referral_ranks(pending, data.settings.week)
    warnings: dict[TeamName | None, list[str]] = {}
    plans: dict[TeamName | None, list[FamilyPlan]] = {}
    for family in pending:
        team = family_team(family, data, index)
        candidates = everyone if team is None else by_team.get(team, [])
        bucket = warnings.setdefault(team, [])
        rank = ranks[family.family_id]
        plan = plan_family(family, data, index, weights, team, candidates, rank, bucket)
        plans.setdefault(plan.team, []).append(plan)
    teams: list[TeamPlan] = []
    for team in data.teams():
        members = [w for w in data.workers if w.team == team]
        leads = tuple(_lead_worker(w, data, loads[w.worker_id]) for w in members if w.role.leads)
        adults = tuple(
            _adult_worker(w, data, loads[w.worker_id])
            for w in members
            if w.role.is_adult_practitioner
        )
        family_plans = plans.pop(team, [])
        instance = Instance(team, leads, tuple(fp.unit for fp in family_plans), adults)
        team_plan = TeamPlan(
            team, instance, MappingProxyType({fp.family.family_id: fp for fp in family_plans})
        )
        cap = _cap_warnings(team_plan, index)
        teams.append(
            TeamPlan(team, instance, team_plan.families, tuple(warnings.get(team, []) + cap))
        )
    homeless = tuple(fp for group in plans.values() for fp in group)
    rest = tuple(w for team, group in warnings.items() if team in plans for w in group)
    return Preparation(
        tuple(teams), homeless, MappingProxyType(loads), rest, MappingProxyType(weights)
    )
