"""Overflow between teams (service.md, 1): a family no one in its team can take, elsewhere.

Opt-in (the Settings key `overflow`, `allocate --overflow`). After every team's own
allocation, each family left unallocated at home (a new family: one with open children
stays with its team) is offered, most urgent first (aim 1's order: urgency class, then the
older referral), to the workers of the other teams. A receiver must pass every pair rule of
the solver's registry but rule 8 (`solver.rules.same_team`): the same predicates, asked of
their state after their own team's week and any earlier overflow. The receiving team is one
with a worker of the family's locality, when the family gives one, then the team whose
lead workers' load ÷ capacity is lowest after the move; within it, the worker whose load ÷
capacity is lowest after taking the family. The family's adult practitioners come from the
receiving team. A family that fits at home never leaves it: only unallocated families are
offered, and the home solve leaves unallocated only what no home worker can take.

Without overflow, `others_who_could` counts the workers of other teams whom the same
rules would let take an unallocated family, for its reason.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from fsp_allocator.allocation.instance_builder import FamilyPlan, Preparation
from fsp_allocator.allocation.rule_facts import family_facts, worker_facts
from fsp_allocator.domain import FamilyId, TeamData, TeamName, Worker, WorkerId
from fsp_allocator.weighting import WorkerLoad, court_cap
from solver import AdultWorker
from solver.rules import (
    PAIR_RULES,
    FamilyDemand,
    WorkerState,
    first_block,
    load_ceiling,
    same_team,
)
from solver.rules import court_cap as court_cap_rule

# Every rule a (worker, family) pair can break, but rule 8: the receiver is in another team.
OVERFLOW_RULES = tuple(rule for rule in PAIR_RULES if rule is not same_team.RULE)
# The same rules, those that stop most receivers first: a receiver must pass them all, so the
# order changes no verdict, only how soon a refusal is found. After the teams' own week most
# workers of other teams are at their load ceiling (10x county: 364,000 of 517,000 refusals),
# so this asks about 0.8 million rules instead of 4 million.
RECEIVER_RULES = (
    load_ceiling.RULE,
    court_cap_rule.RULE,
    *(r for r in OVERFLOW_RULES if r not in (load_ceiling.RULE, court_cap_rule.RULE)),
)


@dataclass(frozen=True, slots=True)
class OverflowMove:
    """A family given to a worker of another team, with the sentence that says why."""

    family_id: FamilyId
    worker_id: WorkerId
    home_team: TeamName
    team: TeamName
    adult_worker_ids: tuple[WorkerId, ...]
    reason: str


def overflow_demand(plan: FamilyPlan, week: date) -> FamilyDemand:
    """The family as the rules see it: its weight, court work, exclusions, court children."""
    facts = family_facts(plan.family, plan.team, week)
    return replace(facts, weight=plan.unit.weight, court=plan.unit.court)


def receiver_states(
    data: TeamData, before: Mapping[WorkerId, WorkerLoad], after: Mapping[WorkerId, WorkerLoad]
) -> dict[WorkerId, WorkerState]:
    """Every lead worker's rule state after their own team's week (court cap: before it)."""
    settings = data.settings
    return {
        w.worker_id: worker_facts(
            w, after[w.worker_id], court_cap(w, settings), settings, before[w.worker_id].court
        )
        for w in data.workers
        if w.role.leads
    }


def can_overflow(plan: FamilyPlan) -> bool:
    """Only a new family with a known team may overflow (open siblings keep it at home)."""
    return plan.team is not None and plan.family.is_new_family


def receivers(
    plan: FamilyPlan,
    demand: FamilyDemand,
    states: Mapping[WorkerId, WorkerState],
    index: Mapping[WorkerId, Worker],
) -> list[WorkerId]:
    """Workers of other teams whom every rule but rule 8 lets take the family now."""
    return [
        wid
        for wid, state in states.items()
        if index[wid].team != plan.team and first_block(state, demand, RECEIVER_RULES) is None
    ]


def others_who_could(
    plan: FamilyPlan,
    week: date,
    states: Mapping[WorkerId, WorkerState],
    index: Mapping[WorkerId, Worker],
    passed: dict[FamilyDemand, frozenset[WorkerId]] | None = None,
) -> int:
    """How many workers of other teams could take this unallocated family (`states`: every
    lead worker's after the week, from `receiver_states`).

    `passed`, shared by the calls on the same `states`: the workers every receiver rule lets
    take a demand, by the demand without its id and team. The receiver rules read neither
    (rule 8, which reads the team, is not asked; the id is only in sentences), so families
    alike in everything else share one pass over the workers (10x county: 99 passes for 361
    families).
    """
    if not can_overflow(plan):
        return 0
    demand = overflow_demand(plan, week)
    if passed is None:
        return len(receivers(plan, demand, states, index))
    alike = replace(demand, id="", team="")
    if alike not in passed:
        passed[alike] = frozenset(
            wid
            for wid, state in states.items()
            if first_block(state, alike, RECEIVER_RULES) is None
        )
    return sum(1 for wid in passed[alike] if index[wid].team != plan.team)


def others_sentence(count: int, overflow_on: bool) -> str:
    """The reason's last sentence about the other teams."""
    if overflow_on:
        return "No worker in another team could take it either."
    if count == 0:
        return "No worker in another team could have taken it either."
    workers = "worker" if count == 1 else "workers"
    return (
        f"{count} {workers} in other teams could have taken it; overflow between teams is off "
        "(Settings: overflow)."
    )


def _urgency_order(plan: FamilyPlan) -> tuple[int, date, str]:
    referrals = [c.referral_date for c in plan.family.new_children if c.referral_date]
    return (plan.unit.urgency, min(referrals, default=date.max), plan.family.family_id)


def _locality(plan: FamilyPlan) -> str | None:
    for child in plan.family.children:
        if child.locality:
            return child.locality.strip().casefold()
    return None


def _ratio(load: int, capacity: int) -> float:
    return load / capacity if capacity > 0 else math.inf


def _pair_adults(
    plan: FamilyPlan,
    team_adults: Sequence[AdultWorker],
    held: dict[str, int],
) -> tuple[WorkerId, ...]:
    """The family's kept practitioners, and one of the receiving team per role still needed
    (available, with room: families + 1 <= capacity; the least full first)."""
    chosen = [WorkerId(a) for a in plan.unit.adult_kept]
    kept_roles = {a.role for a in team_adults if a.id in plan.unit.adult_kept}
    for role in plan.unit.adult_roles:
        if role in kept_roles:
            continue
        options = [
            a
            for a in team_adults
            if a.role == role and a.available and held[a.id] + 1 <= a.capacity
        ]
        if options:
            best = min(options, key=lambda a: (held[a.id] + 1) / max(a.capacity, 1))
            held[best.id] += 1
            chosen.append(WorkerId(best.id))
    return tuple(dict.fromkeys(chosen))


def plan_overflow(
    data: TeamData,
    prep: Preparation,
    leads: Mapping[FamilyId, WorkerId],
    before: Mapping[WorkerId, WorkerLoad],
    after: Mapping[WorkerId, WorkerLoad],
) -> dict[FamilyId, OverflowMove]:
    """The overflow moves for the families each team left unallocated, most urgent first.

    `after` holds every worker's load after the teams' own allocation (`leads`).
    """
    index = data.worker_index()
    week = data.settings.week
    states = receiver_states(data, before, after)
    available = {wid for wid in states if index[wid].is_available_on(week)}
    team_of = {wid: index[wid].team for wid in states}
    localities: dict[TeamName, set[str]] = {}
    for w in data.workers:
        if w.locality:
            localities.setdefault(w.team, set()).add(w.locality.strip().casefold())
    adults = {t.team: t.instance.adults for t in prep.teams}
    held = {
        a.id: int(after[WorkerId(a.id)].families) for t in prep.teams for a in t.instance.adults
    }
    waiting = [
        plan
        for t in prep.teams
        for fid, plan in t.families.items()
        if fid not in leads and can_overflow(plan)
    ]
    moves: dict[FamilyId, OverflowMove] = {}
    for plan in sorted(waiting, key=_urgency_order):
        assert plan.team is not None
        demand = overflow_demand(plan, week)
        options = receivers(plan, demand, states, index)
        if not options:
            continue
        place = _locality(plan)
        teams = list(dict.fromkeys(team_of[wid] for wid in options))
        ratios = {t: team_ratio(t, states, team_of, available, demand.weight) for t in teams}
        same_place = [t for t in teams if place is not None and place in localities.get(t, set())]
        team = min(same_place or teams, key=lambda t: (ratios[t], teams.index(t)))
        in_team = [wid for wid in options if team_of[wid] == team]
        worker_id = min(
            in_team,
            key=lambda w: (
                _ratio(states[w].load + demand.weight, states[w].capacity),
                in_team.index(w),
            ),
        )
        states[worker_id] = states[worker_id].taking(demand)
        how = "same locality" if same_place else f"{team_ratio_text(ratios[team])} after"
        reason = (
            f"{plan.team} had no one with room; {team} ({how}) took the family: "
            f"{index[worker_id].name} leads it."
        )
        moves[plan.family.family_id] = OverflowMove(
            plan.family.family_id,
            worker_id,
            plan.team,
            team,
            _pair_adults(plan, adults.get(team, ()), held),
            reason,
        )
    return moves


def team_ratio(
    team: TeamName,
    states: Mapping[WorkerId, WorkerState],
    team_of: Mapping[WorkerId, TeamName],
    available: set[WorkerId],
    weight: int,
) -> float:
    """The team's load ÷ capacity (its lead workers of the week) once it takes `weight`."""
    members = [s for wid, s in states.items() if team_of[wid] == team and wid in available]
    return _ratio(sum(s.load for s in members) + weight, sum(s.capacity for s in members))


def team_ratio_text(ratio: float) -> str:
    """`the team least loaded, at 84%`."""
    return f"the least loaded team, at {ratio * 100:.0f}% of capacity"
