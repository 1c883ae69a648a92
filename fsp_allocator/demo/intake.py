"""A demo team's new children this week: new families, and new siblings of open families.

Some families were known to a worker before (continuity, sometimes with a worker now on
leave), a few need a skill, referrals span the last 2-4 weeks, and now and then the manager
has pinned a family to a worker or excluded one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from fsp_allocator.demo.context import TeamContext
from fsp_allocator.demo.families import child_factors, draw_family, family_size, sort_codes
from fsp_allocator.demo.names import SKILL_TAGS
from fsp_allocator.demo.proportions import stage_choices
from fsp_allocator.domain import Child, FamilyId, Role, Worker, families


def intake_size(ctx: TeamContext) -> int:
    """How many new children the team receives this week."""
    p = ctx.p
    if ctx.rng.random() < p.new_children_unusual_chance:
        return ctx.rng.randint(*p.new_children_range)
    return ctx.rng.randint(*p.new_children_usual)


def _join_open_family(open_children: Sequence[Child], ctx: TeamContext) -> Child:
    """A new child (a baby, a sibling moving in) of a family the team already holds."""
    family = ctx.rng.choice(families(open_children))
    eldest = family.children[0]
    parents = tuple(f for f in eldest.factors if f.endswith("B"))
    return Child(
        child_id=ctx.next_child_id(),
        family_id=family.family_id,
        stage=eldest.stage,
        factors=sort_codes(parents + child_factors(parents, ctx.p, ctx.rng)),
        referral_date=ctx.week - timedelta(days=ctx.rng.randint(0, 14)),
        team=ctx.team,
        locality=eldest.locality,
        adult_worker_ids=eldest.adult_worker_ids,
    )


def _new_family(size: int, leads: Sequence[Worker], span: int, ctx: TeamContext) -> list[Child]:
    p, rng = ctx.p, ctx.rng
    stages, weights = stage_choices(p.new_stage_weights)
    draw = draw_family(rng.choices(stages, weights)[0], size, ctx.patches, p, rng)
    family_id = ctx.next_family_id()
    previous = rng.choice(leads).worker_id if rng.random() < p.previous_worker_chance else None
    needs = (rng.choice(SKILL_TAGS),) if rng.random() < p.needs_chance else ()
    referred = ctx.week - timedelta(days=rng.randint(0, span))
    return [
        Child(
            child_id=ctx.next_child_id(),
            family_id=family_id,
            stage=draw.stage,
            previous_worker_id=previous,
            factors=draw.factors_of(position),
            referral_date=referred,
            team=ctx.team,
            locality=draw.locality,
            needs=needs,
        )
        for position in range(size)
    ]


def new_cases(
    workers: Sequence[Worker], open_children: Sequence[Child], ctx: TeamContext
) -> list[Child]:
    """The team's new children (blank worker), each with the team named."""
    p, rng = ctx.p, ctx.rng
    leads = [w for w in workers if w.role.leads]
    span = rng.randint(*p.referral_span_days)
    remaining = intake_size(ctx)
    children: list[Child] = []
    while remaining > 0:
        if open_children and rng.random() < p.joins_open_family_chance:
            children.append(_join_open_family(open_children, ctx))
            remaining -= 1
            continue
        family = _new_family(family_size(p, rng, remaining), leads, span, ctx)
        children += family
        remaining -= len(family)
    return _manager_decisions(children, leads, open_children, ctx)


def _manager_decisions(
    children: list[Child], leads: Sequence[Worker], open_children: Sequence[Child], ctx: TeamContext
) -> list[Child]:
    """Now and then a pin to a worker who can take it, and an exclusion of another."""
    open_ids = {c.family_id for c in open_children}
    new_families = [f for f in families(children) if f.family_id not in open_ids]
    if not new_families:
        return children
    rng = ctx.rng
    pins: dict[FamilyId, Worker] = {}
    excluded: dict[FamilyId, Worker] = {}
    if rng.random() < ctx.p.pin_chance:
        family = rng.choice(new_families)
        able = [
            w
            for w in leads
            if w.accepting
            and w.is_available_on(ctx.week)
            and not (w.role is Role.ASYE and family.has_court_child)
        ]
        if able:
            pins[family.family_id] = rng.choice(able)
    if rng.random() < ctx.p.exclusion_chance:
        family = rng.choice(new_families)
        others = [w for w in leads if pins.get(family.family_id) is not w]
        excluded[family.family_id] = rng.choice(others)
    result = []
    for child in children:
        pin = pins.get(child.family_id)
        out = excluded.get(child.family_id)
        result.append(
            replace(
                child,
                pin_worker_id=pin.worker_id if pin else None,
                exclude_worker_ids=(out.worker_id,) if out else (),
            )
        )
    return result
