"""The demo generator: deterministic, realistic in its proportions, and valid for the reader."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from fsp_allocator.demo import COUNTY_TEAMS, generate, monday_of
from fsp_allocator.demo.names import team_name
from fsp_allocator.domain import Child, Role, Stage, TeamData
from fsp_allocator.weighting import worker_loads
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workbook.writer import write_team

WEEK = date(2026, 11, 23)


@cache
def county() -> TeamData:
    return generate(teams=COUNTY_TEAMS, seed=11, week=WEEK)


def test_same_seed_same_data_other_seed_other_data() -> None:
    first, again = generate(seed=5, week=WEEK), generate(seed=5, week=WEEK)
    assert (first.workers, first.children, first.settings) == (
        again.workers,
        again.children,
        again.settings,
    )
    other = generate(seed=6, week=WEEK)
    assert (other.workers, other.children) != (first.workers, first.children)


def test_a_team_is_the_same_alone_or_in_a_county() -> None:
    alone = generate(teams=1, seed=5, week=WEEK)
    three = generate(teams=3, seed=5, week=WEEK)
    team = alone.teams()[0]
    assert tuple(w for w in three.workers if w.team == team) == alone.workers
    assert tuple(c for c in three.children if c.team == team) == alone.children


def test_default_week_is_a_monday_and_teams_must_be_positive() -> None:
    assert generate().settings.week == monday_of(date.today())
    assert monday_of(date(2026, 11, 26)) == date(2026, 11, 23)
    with pytest.raises(ValueError):
        generate(teams=0)


def test_team_names_are_unique_past_the_county() -> None:
    names = [team_name(i) for i in range(1, 3 * COUNTY_TEAMS + 1)]
    assert len(set(names)) == len(names)
    assert names[0] == "FSP Banbury" and names[COUNTY_TEAMS] == "FSP Banbury 2"


def test_rosters_look_like_fsp_teams() -> None:
    data = county()
    assert len(data.teams()) == COUNTY_TEAMS
    for team in data.teams():
        roles = Counter(w.role for w in data.workers if w.team == team)
        social_workers = roles[Role.SW] + roles[Role.SENIOR] + roles[Role.ASYE]
        assert 7 <= social_workers <= 8
        assert roles[Role.SENIOR] == 1 and roles[Role.ATM] == 1
        assert roles[Role.FSW] <= 2
        assert all(roles[r] == 1 for r in (Role.DA, Role.MH, Role.SM))
    workers = data.workers
    leads = [w for w in workers if w.role.leads]
    assert sum(w.agency for w in leads) / len(leads) > 1 / 3
    by_team = Counter(w.team for w in leads if w.agency)
    assert any(by_team[t] / sum(1 for w in leads if w.team == t) > 0.5 for t in data.teams())
    assert any(w.fte in (0.6, 0.8) for w in leads)
    assert any(not w.is_available_on(WEEK) for w in leads)
    assert any(not w.accepting for w in leads)
    assert all(re.fullmatch(r"T\d\d-(W\d\d|A\d)", w.worker_id) for w in workers)
    assert len({w.worker_id for w in workers}) == len(workers)


def test_caseloads_are_near_capacity_with_court_work() -> None:
    data = county()
    loads = worker_loads(data)
    leads = [w for w in data.workers if w.role.leads]
    ratios = [loads[w.worker_id].ratio for w in leads]
    assert 0.85 <= sum(ratios) / len(ratios) <= 1.15
    assert 0.2 <= sum(r > 1 for r in ratios) / len(ratios) <= 0.8
    for team in data.teams():
        courts = [loads[w.worker_id].court for w in leads if w.team == team]
        assert data.settings.court_cap in courts  # someone at the court cap in every team
        open_children = sum(1 for c in data.open_children() if c.team == team)
        assert 55 <= open_children <= 170
        new = sum(1 for c in data.new_children() if c.team == team)
        assert 5 <= new <= 30
    assert all(loads[w.worker_id].court == 0 for w in leads if w.role is Role.ASYE)
    adults = [w for w in data.workers if w.role.is_adult_practitioner]
    within = sum(loads[w.worker_id].ratio <= 1 for w in adults)
    assert within / len(adults) >= 0.6
    assert all(loads[w.worker_id].ratio <= 1.5 for w in adults)


def test_stages_and_factors_follow_the_domain_facts() -> None:
    children = county().open_children()
    stages = Counter(c.stage for c in children)
    assert stages.most_common(1)[0][0] is Stage.CIN
    assert 0.2 <= stages[Stage.CP] / len(children) <= 0.4
    assert all(stages[s] > 0 for s in Stage)

    def share(code: str, kids: Sequence[Child]) -> float:
        return sum(code in c.factors for c in kids) / len(kids)

    assert 0.25 <= share("4B", children) <= 0.6
    assert 0.1 <= share("1B", children) <= 0.25
    assert 0.08 <= share("17A", children) <= 0.2
    protection = [c for c in children if c.stage is Stage.CP]
    with_da = sum(any(f in ("3A", "3B", "3C") for f in c.factors) for c in protection)
    assert with_da / len(protection) >= 0.5
    assert share("4B", protection) >= 0.5


def test_siblings_share_a_worker_and_families_have_one_to_four_children() -> None:
    data = county()
    for family in data.families():
        assert len(family.lead_worker_ids) <= 1
        assert 1 <= len(family.open_children) <= 4 or not family.open_children
    sizes = Counter(len(f.children) for f in data.families() if not f.new_children)
    assert sizes[1] > 0 and sizes[2] > 0 and sizes[4] > 0


def test_new_children_have_a_team_and_realistic_intake_details() -> None:
    data = county()
    new = data.new_children()
    teams = set(data.teams())
    assert all(c.team in teams for c in new)
    assert all(re.fullmatch(r"T\d\d-C\d{4}", c.child_id) for c in data.children)
    assert all(re.fullmatch(r"T\d\d-F\d{3}", c.family_id) for c in data.children)
    joined = [f for f in data.families() if f.new_children and f.open_children]
    assert joined
    assert any(c.previous_worker_id for c in new)
    assert any(c.needs for c in new) and any(c.locality for c in new)
    assert any(c.pin_worker_id for c in new) and any(c.exclude_worker_ids for c in new)
    ages = [(WEEK - c.referral_date).days for c in new if c.referral_date]
    assert len(ages) == len(new) and max(ages) <= 28 and min(ages) >= 0
    workers = data.worker_index()
    for child in new:
        if child.pin_worker_id:
            assert child.pin_worker_id not in child.exclude_worker_ids
            assert workers[child.pin_worker_id].role.leads


@pytest.mark.parametrize("teams", [1, COUNTY_TEAMS])
def test_demo_written_and_read_back_has_no_errors(tmp_path: Path, teams: int) -> None:
    data = generate(teams=teams, seed=3, week=WEEK)
    path = tmp_path / "demo.xlsx"
    write_team(data, path)
    result = read_team(path)
    assert result.errors == ()
    assert result.data is not None
    assert result.data.children == data.children
    assert result.data.workers == data.workers


def test_ids_are_numbered_without_gaps_in_each_team() -> None:
    data = county()
    for index, team in enumerate(data.teams(), start=1):
        code = f"T{index:02d}"
        kids = [c for c in data.children if c.team == team]
        assert [c.child_id for c in kids] == [f"{code}-C{i:04d}" for i in range(1, len(kids) + 1)]
        family_ids = list(dict.fromkeys(c.family_id for c in kids))
        assert family_ids == [f"{code}-F{i:03d}" for i in range(1, len(family_ids) + 1)]
