"""Corner cases of the allocation rules, each pinned to the spec's words (`workbook.md`)."""

from __future__ import annotations

from test_allocation_builders import child, one_team, team_data, worker

from fsp_allocator.allocation.service import propose
from fsp_allocator.domain import ChildId, FamilyId, Role, WorkerId
from solver import SolverConfig

CONFIG = SolverConfig(time_limit_seconds=10)


def test_adult_practitioner_below_a_fractional_capacity_is_paired_aim_5() -> None:
    # 10 x 0.75 = 7.5 families: holding 7 is below it, so one more family may be paired.
    workers = [worker("W1"), worker("A1", Role.MH, fte=0.75)]
    held = [
        child(f"O{i}", f"O{i}", lead="W1", adult_worker_ids=(WorkerId("A1"),)) for i in range(7)
    ]
    data = team_data(workers, [*held, child("C1", "F1", factors=("4B",))])
    (allocation,) = propose(data, CONFIG).allocations
    assert allocation.adult_worker_ids == ("A1",)


def test_adult_practitioner_at_a_fractional_capacity_is_not_paired_aim_5() -> None:
    workers = [worker("W1"), worker("A1", Role.MH, fte=0.75)]
    held = [
        child(f"O{i}", f"O{i}", lead="W1", adult_worker_ids=(WorkerId("A1"),)) for i in range(8)
    ]
    data = team_data(workers, [*held, child("C1", "F1", factors=("4B",))])
    (allocation,) = propose(data, CONFIG).allocations
    assert allocation.adult_worker_ids == ()
    assert "No adult mental health practitioner had room (families held: 8 of 7.5)." in (
        allocation.reasons
    )


def test_any_siblings_previous_worker_counts_for_continuity_aim_2() -> None:
    # The first sibling's previous worker has left; the second sibling's is eligible.
    workers = [worker("W1", accepting=False), worker("W2"), worker("W3")]
    kids = [
        child("C1", "F1", previous_worker_id=WorkerId("W1")),
        child("C2", "F1", previous_worker_id=WorkerId("W3")),
    ]
    data = team_data(workers, kids)
    assert one_team(data).families[FamilyId("F1")].unit.previous_worker == "W3"
    allocations = propose(data, CONFIG).allocations
    assert [a.worker_id for a in allocations] == ["W3", "W3"]
    assert all(a.continuity for a in allocations)


def test_open_family_of_a_worker_with_no_capacity_stays_with_them_rule_2() -> None:
    # capacity 0 makes the load cap 0; rule 2 says the load cap does not stop a sibling.
    workers = [worker("W1", capacity=0.0), worker("W2")]
    kids = [child("O1", "F1", lead="W1"), child("C1", "F1")]
    result = propose(team_data(workers, kids), CONFIG)
    assert {a.child_id: a.worker_id for a in result.allocations} == {ChildId("C1"): "W1"}
    assert not any("two workers" in w for w in result.warnings)
    assert any("F1" in w and "Name W1" in w and "ceiling" in w for w in result.warnings)


def test_pin_to_a_worker_with_no_capacity_is_honoured_with_a_warning_rule_9() -> None:
    workers = [worker("W1", capacity=0.0), worker("W2")]
    kids = [child("C1", "F1", pin_worker_id=WorkerId("W1")), child("C2", "F2")]
    result = propose(team_data(workers, kids), CONFIG)
    lead = {a.child_id: a.worker_id for a in result.allocations}
    assert lead == {ChildId("C1"): "W1", ChildId("C2"): "W2"}
    assert not any("cannot be honoured" in w for w in result.warnings)
    assert any("F1" in w and "pinned" in w and "ceiling" in w for w in result.warnings)


def test_worker_with_no_capacity_gets_no_new_family_and_the_reason_says_so_rule_7() -> None:
    workers = [worker("W1", capacity=0.0)]
    (missing,) = propose(team_data(workers, [child("C1", "F1")]), CONFIG).unallocated
    assert "Name W1 has no capacity for new cases." in missing.reason
