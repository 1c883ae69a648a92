"""From TeamData to solver Instances: hard rules 2, 3, 4, 6, 8, 9 and the exclusions.

Also holds the small builders (`worker`, `child`, `team_data`) the other allocation tests use.
"""

from __future__ import annotations

from datetime import date

from fsp_allocator.allocation.instance_builder import OPEN_FAMILY, PIN, prepare
from fsp_allocator.domain import (
    Child,
    ChildId,
    FamilyId,
    Role,
    Stage,
    TeamData,
    TeamName,
    Worker,
    WorkerId,
)
from fsp_allocator.settings import default_settings

WEEK = date(2026, 11, 23)


def worker(wid: str, role: Role = Role.SW, team: str = "North", **kw: object) -> Worker:
    """A full-time worker named `Name <wid>`."""
    fte = float(kw.pop("fte", 1.0))  # type: ignore[arg-type]
    return Worker(WorkerId(wid), f"Name {wid}", role, fte, TeamName(team), **kw)  # type: ignore[arg-type]


def child(
    cid: str, fam: str, stage: Stage = Stage.CIN, lead: str | None = None, **kw: object
) -> Child:
    """A child of family `fam`; `lead` set means an open case."""
    return Child(
        ChildId(cid),
        FamilyId(fam),
        stage,
        worker_id=WorkerId(lead) if lead else None,
        **kw,  # type: ignore[arg-type]
    )


def team_data(workers: list[Worker], children: list[Child], **settings: object) -> TeamData:
    """TeamData with the default settings on WEEK (overridden by keyword)."""
    from dataclasses import replace

    return TeamData(tuple(workers), tuple(children), replace(default_settings(WEEK), **settings))  # type: ignore[arg-type]


def one_team(data: TeamData):  # type: ignore[no-untyped-def]
    """The single team plan of `data`."""
    prep = prepare(data)
    assert len(prep.teams) == 1
    return prep.teams[0]


def test_only_lead_roles_are_eligible_and_others_say_why() -> None:
    roles = [Role.SW, Role.SENIOR, Role.ASYE, Role.ATM, Role.FSW, Role.DA, Role.MH, Role.SM]
    workers = [worker(f"W{i}", role) for i, role in enumerate(roles)]
    plan = one_team(team_data(workers, [child("C1", "F1")]))
    family = plan.families[FamilyId("F1")]
    assert family.unit.eligible == ("W0", "W1", "W2", "W3")
    assert {w.id for w in plan.instance.workers} == {"W0", "W1", "W2", "W3"}
    assert {a.id for a in plan.instance.adults} == {"W5", "W6", "W7"}


def test_availability_dates_and_accepting_rule_4() -> None:
    workers = [
        worker("W1", available_from=date(2026, 12, 1)),
        worker("W2", available_to=date(2026, 11, 20)),
        worker("W3", accepting=False),
        worker("W4", available_from=WEEK, available_to=WEEK),
    ]
    plan = one_team(team_data(workers, [child("C1", "F1")]))
    family = plan.families[FamilyId("F1")]
    assert family.unit.eligible == ("W4",)
    assert family.ineligible[WorkerId("W1")] == "Name W1 is not available until 1 December 2026."
    assert "since 20 November 2026" in family.ineligible[WorkerId("W2")]
    assert "not accepting new cases" in family.ineligible[WorkerId("W3")]


def test_exclusion_on_any_sibling_holds() -> None:
    workers = [worker("W1"), worker("W2")]
    kids = [child("C1", "F1"), child("C2", "F1", exclude_worker_ids=(WorkerId("W1"),))]
    family = one_team(team_data(workers, kids)).families[FamilyId("F1")]
    assert family.unit.eligible == ("W2",)
    assert "excluded" in family.ineligible[WorkerId("W1")]


def test_asye_never_leads_a_court_family_rule_6() -> None:
    workers = [worker("W1", Role.ASYE), worker("W2")]
    kids = [child("C1", "F1", Stage.PLO), child("C2", "F2", Stage.CP)]
    plan = one_team(team_data(workers, kids))
    assert plan.families[FamilyId("F1")].unit.eligible == ("W2",)
    assert "ASYE" in plan.families[FamilyId("F1")].ineligible[WorkerId("W1")]
    assert plan.families[FamilyId("F2")].unit.eligible == ("W1", "W2")
    assert plan.families[FamilyId("F1")].unit.court
    assert not plan.families[FamilyId("F2")].unit.court


def test_teams_are_independent_rule_8() -> None:
    workers = [worker("N1", team="North"), worker("S1", team="South")]
    kids = [
        child("C1", "F1", team=TeamName("North")),
        child("C2", "F2", team=TeamName("South")),
    ]
    prep = prepare(team_data(workers, kids))
    by_team = {t.team: t for t in prep.teams}
    assert by_team[TeamName("North")].families[FamilyId("F1")].unit.eligible == ("N1",)
    assert by_team[TeamName("South")].families[FamilyId("F2")].unit.eligible == ("S1",)
    assert [w.id for w in by_team[TeamName("North")].instance.workers] == ["N1"]


def test_new_child_of_open_family_is_fixed_to_its_worker_rule_2() -> None:
    workers = [worker("W1"), worker("W2")]
    kids = [child("C1", "F1", lead="W1"), child("C2", "F1")]
    family = one_team(team_data(workers, kids)).families[FamilyId("F1")]
    assert family.unit.fixed_worker == "W1"
    assert family.fixed_kind == OPEN_FAMILY


def test_open_family_worker_on_leave_gives_two_workers_warning() -> None:
    workers = [worker("W1", available_to=date(2026, 11, 1)), worker("W2")]
    kids = [child("C1", "F1", lead="W1"), child("C2", "F1")]
    plan = one_team(team_data(workers, kids))
    assert plan.families[FamilyId("F1")].unit.fixed_worker is None
    assert any("two workers" in w and "F1" in w for w in plan.warnings)


def test_open_family_over_the_caps_is_still_fixed_with_a_warning() -> None:
    workers = [worker("W1", court_cap=1), worker("W2")]
    kids = [
        child("C1", "F1", Stage.COURT, lead="W1"),
        child("C9", "F9", Stage.COURT, lead="W1"),
        child("C2", "F1", Stage.PLO),
    ]
    plan = one_team(team_data(workers, kids))
    unit = plan.families[FamilyId("F1")].unit
    assert unit.fixed_worker == "W1"
    assert not unit.court  # the family already counts in W1's court load


def test_pin_is_honoured_over_the_court_cap_with_a_warning() -> None:
    workers = [worker("W1", court_cap=0), worker("W2")]
    kids = [child("C1", "F1", Stage.COURT, pin_worker_id=WorkerId("W1"))]
    plan = one_team(team_data(workers, kids))
    family = plan.families[FamilyId("F1")]
    assert (family.unit.fixed_worker, family.fixed_kind) == ("W1", PIN)
    assert any("court cap is 0" in w and "pinned" in w for w in plan.warnings)


def test_pin_that_breaks_a_hard_rule_is_not_honoured() -> None:
    workers = [worker("W1", Role.ASYE), worker("W2"), worker("W3")]
    kids = [
        child("C1", "F1", Stage.PLO, pin_worker_id=WorkerId("W1")),
        child("C2", "F2", pin_worker_id=WorkerId("W3"), exclude_worker_ids=(WorkerId("W3"),)),
    ]
    plan = one_team(team_data(workers, kids))
    assert plan.families[FamilyId("F1")].unit.fixed_worker is None
    assert plan.families[FamilyId("F2")].unit.fixed_worker is None
    assert any("pin to Name W1 cannot be honoured" in w and "ASYE" in w for w in plan.warnings)
    assert any("pin to Name W3 cannot be honoured" in w and "excluded" in w for w in plan.warnings)


def test_urgency_referral_rank_previous_worker_and_match() -> None:
    workers = [worker("W1", skills=("Polish",), locality="East"), worker("W2")]
    kids = [
        child("C1", "F1", Stage.CIN, referral_date=date(2026, 11, 1)),
        child("C2", "F1", Stage.CP, previous_worker_id=WorkerId("W2")),
        child("C3", "F2", Stage.CLA, referral_date=date(2026, 10, 1), needs=("polish",)),
        child("C4", "F3", Stage.ASSESSMENT, locality="east"),
    ]
    plan = one_team(team_data(workers, kids))
    f1, f2, f3 = (plan.families[FamilyId(f)].unit for f in ("F1", "F2", "F3"))
    assert (f1.urgency, f2.urgency, f3.urgency) == (0, 1, 2)
    assert (f2.referral_rank, f1.referral_rank, f3.referral_rank) == (0, 1, 2)
    assert f1.previous_worker == "W2"
    assert dict(f2.match) == {"W1": 1} and dict(f3.match) == {"W1": 1}


def test_weights_capacity_and_adults_in_hundredths() -> None:
    workers = [
        worker("W1", fte=0.5),
        worker("A1", Role.SM, fte=0.5),
        worker("A2", Role.DA, accepting=False),
    ]
    kids = [
        child("C1", "F1", Stage.CP, factors=("1B",), adult_worker_ids=(WorkerId("A2"),)),
        child("C2", "F1", Stage.CIN),
        child("C3", "F2", Stage.CIN, lead="W1"),
    ]
    plan = one_team(team_data(workers, kids))
    lead = plan.instance.worker("W1")
    assert (lead.capacity, lead.max_load, lead.load) == (750, 900, 100)
    unit = plan.families[FamilyId("F1")].unit
    assert unit.weight == 160 + 50  # CP 1.5 + 1B 0.1, then half of CIN 1.0
    assert unit.adult_roles == ("SM",)
    assert unit.adult_kept == ("A2",)
    adults = {a.id: a for a in plan.instance.adults}
    assert (adults["A1"].capacity, adults["A1"].available) == (9, True)
    assert (adults["A2"].families, adults["A2"].available) == (1, False)
