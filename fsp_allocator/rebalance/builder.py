"""From `TeamData` and the released workers to one `RebalanceInstance` per team.

Rules applied here: 3, 4, 6, 8 and the exclusions through the core's one eligibility test
(`allocation.eligibility.ineligibility`), plus "not released"; 9 (a pin on an open row names
where the family goes if it moves) and the siblings' rule (a forced family goes to its other
lead worker) as `fixed_worker`. The caps are the model's (`solver.rebalance.rule_checks`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from fsp_allocator.allocation.eligibility import ineligibility
from fsp_allocator.allocation.family_facts import pin_of, previous_workers
from fsp_allocator.allocation.rule_facts import ceiling_units, to_units
from fsp_allocator.domain import (
    STAGE_URGENCY,
    Child,
    ChildId,
    Family,
    FamilyId,
    TeamData,
    TeamName,
    Worker,
    WorkerId,
)
from fsp_allocator.rebalance import moving
from fsp_allocator.weighting import WorkerLoad, capacity, child_weights, court_cap, worker_loads
from solver.rebalance import MovingFamily, RebalanceInstance, TeamWorker

PIN = "pin"
SIBLING = "sibling"
PREVIOUS = "previous"


@dataclass(frozen=True, slots=True)
class FamilyFacts:
    """One moving family with what the reasons need besides its `MovingFamily`."""

    family: Family
    team: TeamName
    children: tuple[Child, ...]  # the children that move
    unit: MovingFamily
    why_moves: str  # the forced family's holder, in a sentence ("" for voluntary)
    ineligible: Mapping[WorkerId, str]  # lead workers of the team who may not take it, why
    fixed_kind: str | None = None  # PIN or SIBLING
    continuity_kind: str | None = None  # SIBLING, PIN or PREVIOUS
    by_choice: bool = False  # moves only because the manager chose it (not forced by a rule)


@dataclass(frozen=True, slots=True)
class TeamRebalance:
    """One team's instance and the facts of its moving families."""

    team: TeamName
    instance: RebalanceInstance
    families: Mapping[FamilyId, FamilyFacts]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RebalancePreparation:
    """Every team's instance, the loads before any move and the released workers."""

    teams: tuple[TeamRebalance, ...]
    loads: Mapping[WorkerId, WorkerLoad]
    released: frozenset[WorkerId]
    kept: tuple[FamilyFacts, ...] = ()  # forced families the manager keeps where they are


def _team_worker(worker: Worker, data: TeamData, load: WorkerLoad, balanced: bool) -> TeamWorker:
    cap = capacity(worker, data.settings)
    return TeamWorker(
        id=worker.worker_id,
        capacity=to_units(cap),
        max_load=ceiling_units(cap, data.settings),
        load=to_units(load.load),
        court_load=load.court,
        court_cap=court_cap(worker, data.settings),
        balanced=balanced,
    )


def receivers(
    family: Family,
    team: TeamName,
    members: list[Worker],
    released: Collection[WorkerId],
    week: date,
    source: WorkerId,
) -> tuple[list[WorkerId], dict[WorkerId, str]]:
    """Who may receive the family (rules 3, 4, 6, 8, exclusions, not released), and why not."""
    eligible: list[WorkerId] = []
    ineligible: dict[WorkerId, str] = {}
    for worker in members:
        if worker.worker_id == source:
            continue
        why = ineligibility(worker, family, team, week)
        if why is None and worker.worker_id in released:
            why = f"{worker.name}'s caseload is released, so they take no family."
        if why is None:
            eligible.append(worker.worker_id)
        else:
            ineligible[worker.worker_id] = why
    return eligible, ineligible


def _name(index: Mapping[WorkerId, Worker], worker_id: WorkerId) -> str:
    worker = index.get(worker_id)
    return worker.name if worker is not None else worker_id


def _fixed(
    family: Family,
    source: WorkerId,
    eligible: list[WorkerId],
    ineligible: Mapping[WorkerId, str],
    index: Mapping[WorkerId, Worker],
    warnings: list[str],
) -> tuple[WorkerId | None, str | None]:
    """Rule 9 then the siblings' rule: where a forced family must go, and why."""
    fid = family.family_id
    pin = pin_of(family)
    if pin is not None and pin != source:
        if pin in eligible:
            return pin, PIN
        why = ineligible.get(pin) or f"{_name(index, pin)} cannot lead families."
        warnings.append(
            f"Family {fid}: the pin to {_name(index, pin)} cannot be honoured. {why} "
            "The family is re-homed as if unpinned."
        )
    others = [w for w in family.lead_worker_ids if w != source and w not in ineligible]
    other_leads = [w for w in family.lead_worker_ids if w != source]
    for worker_id in other_leads:
        if worker_id in eligible:
            return worker_id, SIBLING
    if other_leads and not others:
        worker_id = other_leads[0]
        why = ineligible.get(worker_id) or f"{_name(index, worker_id)} cannot lead families."
        warnings.append(
            f"Family {fid}: {_name(index, worker_id)} leads this family's other children but "
            f"cannot take these. {why} They are re-homed as a new family would be, so the "
            "family keeps two workers."
        )
    return None, None


def _forced_facts(
    family: Family,
    children: tuple[Child, ...],
    data: TeamData,
    index: dict[WorkerId, Worker],
    weights: Mapping[ChildId, float],
    members_by_team: Mapping[TeamName, list[Worker]],
    released: frozenset[WorkerId],
    warnings: list[str],
    why: str | None = None,
) -> FamilyFacts | None:
    week = data.settings.week
    assert children[0].worker_id is not None
    source = children[0].worker_id
    holder = index.get(source)
    team = holder.team if holder is not None else children[0].team
    if team is None:
        return None
    members = members_by_team.get(team, [])
    eligible, ineligible = receivers(family, team, members, released, week, source)
    fixed, kind = _fixed(family, source, eligible, ineligible, index, warnings)
    previous = next((w for w in previous_workers(family) if w in eligible), None)
    continuity = fixed or previous
    continuity_kind = kind if fixed else (PREVIOUS if previous else None)
    court_moving = any(c.stage.is_court for c in children)
    already = fixed is not None and any(
        c.stage.is_court and c.worker_id == fixed for c in family.open_children
    )
    unit = MovingFamily(
        id=family.family_id,
        from_worker=source,
        weight=sum(to_units(weights[c.child_id]) for c in children),
        court=court_moving and not already,
        forced=True,
        urgency=min(STAGE_URGENCY[c.stage] for c in children),
        referral_rank=0,  # set per team below
        eligible=tuple(eligible),
        fixed_worker=fixed,
        continuity_worker=continuity,
    )
    return FamilyFacts(
        family,
        team,
        children,
        unit,
        why or moving.why_forced(holder, released, week),
        MappingProxyType(ineligible),
        kind,
        continuity_kind,
        by_choice=why is not None,
    )


def _voluntary_facts(
    family: Family,
    data: TeamData,
    index: dict[WorkerId, Worker],
    weights: Mapping[ChildId, float],
    members_by_team: Mapping[TeamName, list[Worker]],
    released: frozenset[WorkerId],
) -> FamilyFacts:
    source = family.lead_worker_ids[0]
    team = index[source].team
    eligible, ineligible = receivers(
        family, team, members_by_team[team], released, data.settings.week, source
    )
    children = family.open_children
    unit = MovingFamily(
        id=family.family_id,
        from_worker=source,
        weight=sum(to_units(weights[c.child_id]) for c in children),
        court=False,
        forced=False,
        urgency=3,
        referral_rank=0,
        eligible=tuple(eligible),
    )
    return FamilyFacts(family, team, children, unit, "", MappingProxyType(ineligible))


def _ranked(facts: list[FamilyFacts], week: date) -> list[FamilyFacts]:
    """Referral ranks among the team's forced families: 0 the oldest; ties share a rank."""
    oldest = {
        f.family.family_id: min(c.referral_date or week for c in f.children)
        for f in facts
        if f.unit.forced
    }
    order = sorted(set(oldest.values()))
    ranked = []
    for f in facts:
        if f.unit.forced:
            unit = _replace_rank(f.unit, order.index(oldest[f.family.family_id]))
            f = FamilyFacts(
                f.family,
                f.team,
                f.children,
                unit,
                f.why_moves,
                f.ineligible,
                f.fixed_kind,
                f.continuity_kind,
                f.by_choice,
            )
        ranked.append(f)
    return ranked


def _replace_rank(unit: MovingFamily, rank: int) -> MovingFamily:
    from dataclasses import replace

    return replace(unit, referral_rank=rank)


def prepare_rebalance(
    data: TeamData,
    release: Collection[WorkerId] = (),
    max_moves: int = 0,
    chosen: Collection[FamilyId] = (),
    kept: Collection[FamilyId] = (),
) -> RebalancePreparation:
    """Every team's instance: forced families first (as read), then voluntary candidates.

    `chosen` families move wherever their pin says, as the manager's decision (a family
    that would not move otherwise becomes a forced one, fixed to the pin); `kept`
    families stay where they are (a forced one is listed in `kept`, a candidate drops out).
    """
    week = data.settings.week
    released = moving.released_set(data.workers, release)
    weights = child_weights(data.children, data.settings)
    loads = worker_loads(data)
    index = data.worker_index()
    members_by_team: dict[TeamName, list[Worker]] = {}
    for worker in data.workers:
        if worker.role.leads:
            members_by_team.setdefault(worker.team, []).append(worker)
    overloaded = {w for w, load in loads.items() if load.capacity and load.load > load.capacity}
    facts: dict[TeamName, list[FamilyFacts]] = {}
    warnings: dict[TeamName, list[str]] = {}
    voluntary: dict[TeamName, list[FamilyFacts]] = {}
    kept_facts: list[FamilyFacts] = []
    for family in data.families():
        children = moving.moving_children(family, index, released, week)
        why = None
        if not children and family.family_id in chosen:
            children = moving.chosen_children(family)
            why = moving.why_chosen(index, children)
        if children:
            holder = index.get(children[0].worker_id) if children[0].worker_id else None
            bucket = warnings.setdefault(holder.team if holder else TeamName(""), [])
            found = _forced_facts(
                family, children, data, index, weights, members_by_team, released, bucket, why
            )
            if found is not None and family.family_id in kept:
                kept_facts.append(found)
            elif found is not None:
                facts.setdefault(found.team, []).append(found)
        elif family.family_id in kept:
            continue
        elif moving.voluntary_candidate(family, index, released, week, overloaded):
            found = _voluntary_facts(family, data, index, weights, members_by_team, released)
            voluntary.setdefault(found.team, []).append(found)
    teams = []
    for team in data.teams():
        team_facts = _ranked(facts.get(team, []), week) + voluntary.get(team, [])
        workers = tuple(
            _team_worker(w, data, loads[w.worker_id], moving.balanced(w, released, week))
            for w in members_by_team.get(team, [])
        )
        instance = RebalanceInstance(team, workers, tuple(f.unit for f in team_facts), max_moves)
        teams.append(
            TeamRebalance(
                team,
                instance,
                MappingProxyType({f.family.family_id: f for f in team_facts}),
                tuple(warnings.get(team, [])),
            )
        )
    return RebalancePreparation(tuple(teams), MappingProxyType(loads), released, tuple(kept_facts))
