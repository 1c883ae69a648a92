"""Fill a fresh demo workspace by running real weekly cycles, so a newcomer sees history.

A demo team that appears all at once has one week of history: the Workload trend is a
single dot and the History tab is empty. Instead, some of the demo's open families are held
back and arrive as new cases over the `PAST_WEEKS` weeks before this one; each of those
weeks is imported, proposed by the engine and accepted, exactly as a manager would. The
workspace then holds decisions with reasons, load snapshots and audit rows for past weeks,
all recorded as made by `DEMO_USER`, and this week's new children wait to be allocated.
A few other open families close along the way, as cases do.

Which worker leads a held-back family is the engine's choice, so today's caseload differs a
little from `demo.generate`'s; it is the result of the same rules the app applies.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from fsp_allocator.domain import Child, FamilyId, Stage, TeamData
from fsp_allocator.workspace.store import Workspace

PAST_WEEKS = 4
FAMILIES_PER_WEEK = 3  # per team
CLOSURES_PER_WEEK = 1  # per team
EARLY_STAGES = frozenset({Stage.ASSESSMENT, Stage.CIN, Stage.CP})
DAYS_BEFORE_MONDAY = (3, 4, 5, 6)  # referrals arrive in the week before the allocation


def arrival_batches(
    data: TeamData, weeks: int, seed: int
) -> tuple[list[list[FamilyId]], list[list[FamilyId]]]:
    """Open families (early stages, no court work) that arrive, and that close, each past week.

    Both lists are oldest week first. Arrivals join the caseload through the engine; closures
    leave it (cases close every week in a real team), so today's loads are not the sum of
    four weeks of intake on top of the demo's already full caseload.
    """
    families = sorted(
        family.family_id
        for family in data.families()
        if all(not c.is_new and c.stage in EARLY_STAGES for c in family.children)
    )
    teams = max(1, len(data.teams()))  # the numbers per week are per team: a county has 17
    wanted = weeks * (FAMILIES_PER_WEEK + CLOSURES_PER_WEEK) * teams
    chosen = random.Random(seed).sample(families, min(len(families), wanted))
    split = weeks * FAMILIES_PER_WEEK * teams
    arriving, closing = chosen[:split], chosen[split:]
    return (
        [arriving[week::weeks] for week in range(weeks)],
        [closing[week::weeks] for week in range(weeks)],
    )


def _arriving(children: list[Child], monday: date, rng: random.Random) -> list[Child]:
    """The family's children as new cases referred in the week before `monday`."""
    referred = monday - timedelta(days=rng.choice(DAYS_BEFORE_MONDAY))
    return [
        replace(c, worker_id=None, adult_worker_ids=(), referral_date=referred) for c in children
    ]


def seed_demo_history(
    workspace: Workspace, data: TeamData, user: str, *, weeks: int = PAST_WEEKS, seed: int = 1
) -> None:
    """Bring an empty `workspace` to `data` through `weeks` real weekly cycles before it."""
    from fsp_allocator.allocation.service import propose

    batches, closures = arrival_batches(data, weeks, seed)
    held_back = {family for batch in batches for family in batch}
    by_family: dict[FamilyId, list[Child]] = {}
    for child in data.children:
        by_family.setdefault(child.family_id, []).append(child)
    rng = random.Random(seed)
    this_week = data.settings.week
    children = tuple(c for c in data.children if not c.is_new and c.family_id not in held_back)
    current = replace(data, children=children)
    for ago, batch, closing in zip(range(weeks, 0, -1), batches, closures, strict=True):
        monday = this_week - timedelta(weeks=ago)
        arriving = [c for f in batch for c in _arriving(by_family[f], monday, rng)]
        staying = tuple(c for c in current.children if c.family_id not in closing)
        week_data = replace(
            current,
            children=staying + tuple(arriving),
            settings=replace(data.settings, week=monday),
        )
        workspace.import_team(week_data, user=user)
        proposal = propose(workspace.load())
        workspace.accept(proposal, {}, {}, user, backup_first=False)
        current = workspace.load()
    still_new = tuple(c for c in data.children if c.is_new)
    workspace.import_team(
        replace(current, children=current.children + still_new, settings=data.settings), user=user
    )
