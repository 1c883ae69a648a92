"""Generate a realistic demo workbook's data: one team or a whole county, same for a seed.

Each team draws from its own `random.Random` seeded with the text `fsp-demo/<seed>/<team>`
(string seeds are hashed with SHA-512, not Python's per-process hash), so team 1 is the same
whether one team or seventeen are made, and nothing depends on dict or set order.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from fsp_allocator.demo.caseload import open_cases
from fsp_allocator.demo.context import TeamContext
from fsp_allocator.demo.intake import new_cases
from fsp_allocator.demo.names import team_name, team_patches
from fsp_allocator.demo.proportions import DEFAULT_PROPORTIONS, DemoProportions
from fsp_allocator.demo.roster import build_roster
from fsp_allocator.domain import Child, Settings, TeamData, TeamName, Worker
from fsp_allocator.settings import default_settings

COUNTY_TEAMS = 17  # Oxfordshire's FSP teams in 2021 (seed 004)


def monday_of(day: date) -> date:
    """The Monday of the week that holds `day` (allocation meetings are weekly)."""
    return day - timedelta(days=day.weekday())


def team_code(index: int) -> str:
    """`T01` for team 1; ids of workers, children and families start with it."""
    return f"T{index:02d}"


def generate_team(
    index: int, seed: int, settings: Settings, p: DemoProportions = DEFAULT_PROPORTIONS
) -> tuple[list[Worker], list[Child]]:
    """One team's roster and children (open cases first, then this week's new ones)."""
    rng = random.Random(f"fsp-demo/{seed}/{index}")
    ctx = TeamContext(
        code=team_code(index),
        team=TeamName(team_name(index)),
        patches=team_patches(index, rng),
        week=settings.week,
        settings=settings,
        p=p,
        rng=rng,
    )
    workers = build_roster(ctx.code, ctx.team, ctx.patches, ctx.week, p, rng)
    held = open_cases(workers, ctx)
    return workers, held + new_cases(workers, held, ctx)


def generate(
    *,
    teams: int = 1,
    seed: int = 1,
    week: date | None = None,
    proportions: DemoProportions = DEFAULT_PROPORTIONS,
) -> TeamData:
    """Demo data for `teams` teams (17 is a county), deterministic for `seed`.

    `week` defaults to the Monday of the current week; the settings are the shipped defaults.
    """
    if teams < 1:
        raise ValueError("teams must be 1 or more")
    settings = default_settings(week if week is not None else monday_of(date.today()))
    workers: list[Worker] = []
    children: list[Child] = []
    for index in range(1, teams + 1):
        team_workers, team_children = generate_team(index, seed, settings, proportions)
        workers += team_workers
        children += team_children
    return TeamData(tuple(workers), tuple(children), settings)
