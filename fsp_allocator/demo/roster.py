"""A demo team's roster: social workers, an ATM, family support and adult practitioners."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from fsp_allocator.demo.names import SKILL_TAGS, person_names
from fsp_allocator.demo.proportions import DemoProportions
from fsp_allocator.domain import Role, TeamName, Worker, WorkerId

AGENCY_ROLES = frozenset({Role.SW, Role.SENIOR, Role.FSW})
PART_TIME_ROLES = frozenset({Role.SW, Role.SENIOR, Role.FSW})


def _roles(p: DemoProportions, rng: random.Random) -> list[Role]:
    """Lead roles (1 SENIOR, often 1 ASYE, SWs, the ATM), then FSWs; adults come apart."""
    social_workers = rng.randint(*p.social_workers)
    asye = 1 if rng.random() < p.asye_chance else 0
    roles = [Role.SENIOR] + [Role.SW] * (social_workers - 1 - asye) + [Role.ASYE] * asye
    roles.append(Role.ATM)
    roles += [Role.FSW] * rng.randint(*p.family_support_workers)
    return roles


def build_roster(
    code: str,
    team: TeamName,
    patches: tuple[str, ...],
    week: date,
    p: DemoProportions,
    rng: random.Random,
) -> list[Worker]:
    """The team's workers: ids `T01-W01` for the team, `T01-A1` for adult practitioners."""
    roles = _roles(p, rng)
    adult_roles = [Role.DA, Role.MH, Role.SM]
    names = person_names(len(roles) + len(adult_roles), rng)
    agency_chance = rng.uniform(*p.agency_share_range)
    workers: list[Worker] = []
    for number, role in enumerate(roles, start=1):
        part_time = role in PART_TIME_ROLES and rng.random() < p.part_time_chance
        skills: tuple[str, ...] = ()
        if role.leads and rng.random() < p.skills_chance:
            skills = tuple(rng.sample(SKILL_TAGS, rng.randint(1, 2)))
        workers.append(
            Worker(
                worker_id=WorkerId(f"{code}-W{number:02d}"),
                name=names[number - 1],
                role=role,
                fte=rng.choice(p.part_time_fte) if part_time else 1.0,
                team=team,
                agency=role in AGENCY_ROLES and rng.random() < agency_chance,
                skills=skills,
                locality=rng.choice(patches) if role.leads else None,
            )
        )
    for number, role in enumerate(adult_roles, start=1):
        workers.append(
            Worker(
                worker_id=WorkerId(f"{code}-A{number}"),
                name=names[len(roles) + number - 1],
                role=role,
                fte=rng.choice(p.adult_fte_choices),
                team=team,
            )
        )
    return _absences(workers, week, p, rng)


def _absences(
    workers: list[Worker], week: date, p: DemoProportions, rng: random.Random
) -> list[Worker]:
    """Someone leaving or on leave, someone back later, someone closed to new work."""
    social_workers = [i for i, w in enumerate(workers) if w.role is Role.SW]
    rng.shuffle(social_workers)
    if social_workers and rng.random() < p.leaving_chance:
        i = social_workers.pop()
        gone = week - timedelta(days=rng.randint(1, 10))
        workers[i] = replace(workers[i], available_to=gone)
    if social_workers and rng.random() < p.returning_chance:
        i = social_workers.pop()
        back = week + timedelta(days=rng.randint(3, 21))
        workers[i] = replace(workers[i], available_from=back)
    if social_workers and rng.random() < p.not_accepting_chance:
        i = social_workers.pop()
        workers[i] = replace(workers[i], accepting=False)
    return workers
