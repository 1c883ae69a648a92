"""Capacity planning against values worked out by hand (service.md, 3)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest
from service_builders import two_teams, worker

from fsp_allocator.domain import TeamData, TeamName, WorkerId
from fsp_allocator.service.plan import make_plan
from fsp_allocator.service.plan_output import plan_dict
from fsp_allocator.service.rates import Rates, with_overrides, workbook_rates
from fsp_allocator.service.whatif import WhatIfError, parse_changes


def _rates(intake: dict[str, float], closures: dict[str, float]) -> Rates:
    return Rates(MappingProxyType(intake), MappingProxyType(closures), 0, "given")


def test_spare_weeks_until_full_and_projection_by_hand() -> None:
    plan = make_plan(two_teams(), _rates({"North": 3, "East": 1}, {"North": 1, "East": 0}))
    north, east = (t.before for t in plan.teams)
    assert north.spare == pytest.approx(26.45)  # 54.45 - 28
    assert north.growth == 2.0
    assert north.weeks_until_full == pytest.approx(13.225)  # 26.45 / 2
    assert north.projection()[1] == pytest.approx(32 / 54.45)  # week 2: 28 + 2 x 2
    assert len(north.projection()) == 12
    assert east.spare == -1.0 and east.weeks_until_full == 0.0  # already full
    service = plan.service.before
    assert service.spare == pytest.approx(25.45) and service.growth == 3.0
    assert service.weeks_until_full == pytest.approx(25.45 / 3)


def test_not_growing_has_no_weeks_until_full_but_full_is_zero() -> None:
    plan = make_plan(two_teams(), _rates({"North": 1, "East": 0}, {"North": 1, "East": 2}))
    north, east = (t.before for t in plan.teams)
    assert north.weeks_until_full is None  # room and not growing
    assert east.weeks_until_full == 0.0  # full, even though shrinking
    assert east.projected_ratio(3) == pytest.approx((16 - 6) / 15)


def test_what_if_add_and_remove_side_by_side() -> None:
    data = two_teams()
    changes = parse_changes(["north:SW:0.5"], ["N1"], data)
    plan = make_plan(data, _rates({"North": 2, "East": 0}, {"North": 0, "East": 0}), changes)
    north = plan.teams[0]
    assert north.before.capacity == pytest.approx(54.45)
    assert north.after.capacity == pytest.approx(46.95)  # + 7.5 - 15
    assert north.after.load == north.before.load == 28.0  # N1's children stay to re-home
    assert north.after.weeks_until_full == pytest.approx(18.95 / 2)
    assert plan.teams[1].after == plan.teams[1].before  # East unchanged
    payload = plan_dict(plan)
    assert payload["teams"][0]["before"]["capacity"] == 54.45
    assert payload["teams"][0]["after"]["capacity"] == 46.95
    assert [c["change"] for c in payload["changes"]] == ["add", "remove"]


def test_landing_exactly_on_the_ceiling_fits() -> None:
    data = two_teams()
    one = TeamData(
        (worker("S1", "Solo", capacity=10.0),),
        (),
        data.settings,
    )
    held = [c for c in data.children if c.child_id in ("c11", "n3")]
    one = replace(
        one,
        children=tuple(replace(c, worker_id=WorkerId("S1"), team=TeamName("Solo")) for c in held),
    )
    # S1 holds c11 (8) and n3 (1, given a worker here): load 9 of 10, ceiling 12
    plan = make_plan(one, _rates({"Solo": 1.5}, {"Solo": 0}), weeks=3)
    solo = plan.teams[0].before
    assert solo.load == 9.0
    assert solo.fits(2)  # 9 + 3 = 12 = 10 x 1.2 exactly
    assert not solo.fits(3)  # 13.5


def test_bad_what_if_arguments_each_named() -> None:
    data = two_teams()
    with pytest.raises(WhatIfError) as caught:
        adds = ["Nowhere:SW:1", "North:FSW:1", "North:SW:1.5", "North-SW"]
        parse_changes(adds, ["Z9", "N1", "n1"], data)
    problems = caught.value.problems
    assert any("team 'Nowhere'" in p for p in problems)
    assert any("FSW carries no caseload" in p for p in problems)
    assert any("FTE '1.5'" in p for p in problems)
    assert any("--add North-SW" in p for p in problems)
    assert any("--remove Z9" in p for p in problems)
    assert any("removed twice" in p for p in problems)


def test_workbook_rates_are_this_weeks_intake_and_overrides_replace_them() -> None:
    data = two_teams()
    rates = workbook_rates(data)
    assert dict(rates.intake) == {"North": 4.0, "East": 1.0}  # 1.5 + 2.5; 1.0
    assert dict(rates.closures) == {"North": 0.0, "East": 0.0}
    given = with_overrides(rates, None, 2.0)
    assert dict(given.intake) == {"North": 4.0, "East": 1.0}
    assert dict(given.closures) == {"North": 2.0, "East": 2.0}
