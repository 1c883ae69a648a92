"""A demo team's open cases: each lead worker's families, loaded near their capacity.

Each worker gets a few court families first (one worker of the team sits at the court cap),
then families of the other stages until their load reaches a drawn share of capacity, so
some workers are over capacity and balance matters. Siblings share their worker; families
with a trio factor are often paired with the team's adult practitioner, within capacity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from fsp_allocator.demo.context import TeamContext
from fsp_allocator.demo.families import FamilyDraw, draw_family, family_size
from fsp_allocator.demo.proportions import stage_choices
from fsp_allocator.domain import Child, ChildId, FamilyId, Role, Stage, Worker, WorkerId
from fsp_allocator.factors import trio_roles
from fsp_allocator.weighting import capacity, own_weight

ADULT_OVERFLOW_CHANCE = 0.05  # an adult practitioner is now and then one family over


def _court_families(worker: Worker, ctx: TeamContext) -> int:
    if worker.role is Role.ASYE:
        return 0  # hard rule 6: an ASYE never leads a PLO/court family
    if worker.role is Role.ATM:
        return ctx.rng.choice((0, 1))
    weights = ctx.p.court_families_weights
    return ctx.rng.choices(range(len(weights)), weights)[0]


def _court_plan(workers: Sequence[Worker], ctx: TeamContext) -> list[int]:
    plan = [_court_families(w, ctx) for w in workers]
    cap = ctx.settings.court_cap
    if cap not in plan:
        seniors = [i for i, w in enumerate(workers) if w.role in (Role.SENIOR, Role.SW)]
        plan[ctx.rng.choice(seniors)] = cap
    return plan


def _draft_family(draw: FamilyDraw, worker: Worker, ctx: TeamContext, size: int) -> list[Child]:
    """The family's children without ids yet: ids are given only to families kept."""
    if draw.stage is Stage.ASSESSMENT:
        referred = ctx.week - timedelta(days=ctx.rng.randint(7, 45))
    else:
        referred = ctx.week - timedelta(days=ctx.rng.randint(60, 720))
    complexity = None
    if ctx.rng.random() < ctx.p.complexity_override_chance:
        complexity = ctx.rng.choice((2.0, 2.5, 3.0))
    return [
        Child(
            child_id=ChildId(""),
            family_id=FamilyId(""),
            stage=draw.stage,
            worker_id=worker.worker_id,
            factors=draw.factors_of(position),
            complexity=complexity if position == 0 else None,
            referral_date=referred,
            team=worker.team,
            locality=draw.locality,
        )
        for position in range(size)
    ]


def _with_ids(family: list[Child], ctx: TeamContext) -> list[Child]:
    family_id = ctx.next_family_id()
    return [replace(c, child_id=ctx.next_child_id(), family_id=family_id) for c in family]


def _family_load(children: Sequence[Child], ctx: TeamContext) -> float:
    weights = [own_weight(c, ctx.settings) for c in children]
    return weights[0] + ctx.settings.sibling_discount * sum(weights[1:])


def worker_caseload(worker: Worker, court: int, ctx: TeamContext) -> list[Child]:
    """The children one lead worker holds: `court` PLO/court families, then the rest."""
    p, rng = ctx.p, ctx.rng
    low, high = p.load_ratio_range
    ratio = min(max(rng.gauss(p.load_ratio_mean, p.load_ratio_spread), low), high)
    target = capacity(worker, ctx.settings) * ratio
    held: list[Child] = []
    load = 0.0
    for _ in range(court):
        in_court = rng.random() < p.court_share_in_proceedings
        stage = Stage.COURT if in_court else Stage.PLO
        size = family_size(p, rng)
        family = _draft_family(draw_family(stage, size, ctx.patches, p, rng), worker, ctx, size)
        held += _with_ids(family, ctx)
        load += _family_load(family, ctx)
    stages, weights = stage_choices(p.open_stage_weights)
    while True:
        stage = rng.choices(stages, weights)[0]
        size = family_size(p, rng)
        family = _draft_family(draw_family(stage, size, ctx.patches, p, rng), worker, ctx, size)
        family_load = _family_load(family, ctx)
        if load + family_load / 2 > target:
            return held  # the family would overshoot the drawn load: stop near the target
        held += _with_ids(family, ctx)
        load += family_load


def open_cases(workers: Sequence[Worker], ctx: TeamContext) -> list[Child]:
    """Every open child of the team, worker by worker, paired with adult practitioners."""
    leads = [w for w in workers if w.role.leads]
    children: list[Child] = []
    for worker, court in zip(leads, _court_plan(leads, ctx), strict=True):
        children += worker_caseload(worker, court, ctx)
    return pair_adults(children, workers, ctx)


def pair_adults(children: list[Child], workers: Sequence[Worker], ctx: TeamContext) -> list[Child]:
    """Name the team's adult practitioner on many open trio families, mostly within capacity."""
    adults = {w.role: w for w in workers if w.role.is_adult_practitioner}
    held: dict[WorkerId, int] = {w.worker_id: 0 for w in adults.values()}
    family_factors: dict[FamilyId, list[str]] = {}
    for child in children:
        family_factors.setdefault(child.family_id, []).extend(child.factors)
    paired: dict[FamilyId, tuple[WorkerId, ...]] = {}
    for family_id, factors in family_factors.items():
        chosen: list[WorkerId] = []
        for role in trio_roles(tuple(factors)):
            adult = adults.get(role)
            if adult is None or ctx.rng.random() >= ctx.p.adult_pairing_chance:
                continue
            room = capacity(adult, ctx.settings) - held[adult.worker_id]
            if room >= 1 or (room > -1 and ctx.rng.random() < ADULT_OVERFLOW_CHANCE):
                held[adult.worker_id] += 1
                chosen.append(adult.worker_id)
        paired[family_id] = tuple(chosen)
    return [replace(c, adult_worker_ids=paired[c.family_id]) for c in children]
