"""The workload arithmetic of the spec: weights, sibling discount, capacity, load, court load."""

from __future__ import annotations

from datetime import date

import pytest

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
from fsp_allocator.weighting import capacity, child_weights, court_cap, own_weight, worker_loads

WEEK = date(2026, 11, 23)
SETTINGS = default_settings(WEEK)


def child(cid: str, fam: str, stage: Stage, worker: str | None = None, **kw: object) -> Child:
    return Child(
        ChildId(cid),
        FamilyId(fam),
        stage,
        worker_id=WorkerId(worker) if worker else None,
        **kw,  # type: ignore[arg-type]
    )


def worker(wid: str, role: Role = Role.SW, fte: float = 1.0, **kw: object) -> Worker:
    return Worker(WorkerId(wid), f"Worker {wid}", role, fte, TeamName("T"), **kw)  # type: ignore[arg-type]


def test_stage_weight_plus_factor_weights() -> None:
    c = child("C1", "F1", Stage.CP, factors=("3B", "4B", "16A"))
    expected = SETTINGS.stage_weights[Stage.CP] + sum(
        SETTINGS.factor_weights[f] for f in ("3B", "4B", "16A")
    )
    assert own_weight(c, SETTINGS) == pytest.approx(expected)


def test_court_work_weighs_two_to_two_and_a_half_times_cin() -> None:
    cin = SETTINGS.stage_weights[Stage.CIN]
    assert 2.0 <= SETTINGS.stage_weights[Stage.COURT] / cin <= 2.5
    assert SETTINGS.stage_weights[Stage.PLO] > SETTINGS.stage_weights[Stage.CP] > cin


def test_code_21_weighs_nothing_and_a_repeated_code_counts_once() -> None:
    plain = child("C1", "F1", Stage.CIN)
    none_found = child("C2", "F2", Stage.CIN, factors=("21",))
    repeated = child("C3", "F3", Stage.CIN, factors=("3B", "3B"))
    assert own_weight(none_found, SETTINGS) == own_weight(plain, SETTINGS)
    assert own_weight(repeated, SETTINGS) == pytest.approx(
        SETTINGS.stage_weights[Stage.CIN] + SETTINGS.factor_weights["3B"]
    )


def test_complexity_overrides_the_computed_weight_and_is_not_discounted() -> None:
    kids = [child("C1", "F1", Stage.CIN), child("C2", "F1", Stage.COURT, complexity=4.0)]
    weights = child_weights(kids, SETTINGS)
    assert weights[ChildId("C2")] == 4.0


def test_sibling_discount_applies_to_second_and_later_children() -> None:
    kids = [child(f"C{i}", "F1", Stage.CP) for i in range(3)]
    weights = child_weights(kids, SETTINGS)
    full = SETTINGS.stage_weights[Stage.CP]
    assert weights[ChildId("C0")] == full
    assert weights[ChildId("C1")] == pytest.approx(full * SETTINGS.sibling_discount)
    assert weights[ChildId("C2")] == pytest.approx(full * SETTINGS.sibling_discount)


def test_open_sibling_weighs_in_full_before_a_new_one_listed_first() -> None:
    kids = [child("NEW", "F1", Stage.CIN), child("OPEN", "F1", Stage.CIN, worker="W1")]
    weights = child_weights(kids, SETTINGS)
    assert weights[ChildId("OPEN")] == 1.0
    assert weights[ChildId("NEW")] == pytest.approx(SETTINGS.sibling_discount)


@pytest.mark.parametrize(
    ("role", "fte", "expected"),
    [
        (Role.SW, 1.0, 15.0),
        (Role.SENIOR, 0.6, 9.0),
        (Role.ASYE, 1.0, 12.0),
        (Role.ATM, 1.0, 4.95),
        (Role.FSW, 1.0, 0.0),
        (Role.DA, 0.5, 5.0),
        (Role.SM, 1.0, 18.0),
    ],
)
def test_capacity_by_role_and_fte(role: Role, fte: float, expected: float) -> None:
    assert capacity(worker("W", role, fte), SETTINGS) == pytest.approx(expected)


def test_own_capacity_overrides_the_target_but_still_scales_by_fte() -> None:
    assert capacity(worker("W", Role.SW, 0.5, capacity=20.0), SETTINGS) == 10.0


def test_worker_court_cap_overrides_the_team_cap() -> None:
    assert court_cap(worker("W"), SETTINGS) == SETTINGS.court_cap
    assert court_cap(worker("W", court_cap=1), SETTINGS) == 1


def test_loads_count_children_weights_and_court_families() -> None:
    data = TeamData(
        workers=(worker("W1"), worker("A1", Role.DA)),
        children=(
            child("C1", "F1", Stage.COURT, "W1", adult_worker_ids=(WorkerId("A1"),)),
            child("C2", "F1", Stage.PLO, "W1"),
            child("C3", "F2", Stage.CIN, "W1"),
            child("C4", "F3", Stage.CIN),
        ),
        settings=SETTINGS,
    )
    loads = worker_loads(data)
    w1 = loads[WorkerId("W1")]
    assert w1.children == 3
    assert w1.court == 1  # two court children, one family
    assert w1.load == pytest.approx(2.5 + 2.0 * SETTINGS.sibling_discount + 1.0)
    assert loads[WorkerId("A1")].families == 1
    after = worker_loads(data, {ChildId("C4"): WorkerId("W1")})
    assert after[WorkerId("W1")].children == 4
    assert after[WorkerId("W1")].load == pytest.approx(w1.load + 1.0)
