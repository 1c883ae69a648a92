"""Reasons recomputed from an assignment: the sentences a manager repeats to a family or judge.

These tests give `assemble` a solver `Solution` written by hand, so the reasons are checked
against figures worked out here, independent of the search.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from test_allocation_builders import child, team_data, worker

from fsp_allocator.allocation.assemble import assemble
from fsp_allocator.allocation.instance_builder import prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import Child, ChildId, Role, Stage, TeamData, TeamName, WorkerId
from solver import Solution, SolveStatus


def solved(
    data: TeamData,
    assignment: dict[str, str | None],
    adults: dict[str, tuple[str, ...]] | None = None,
) -> AllocationProposal:
    prep = prepare(data)
    (team,) = prep.teams
    solution = Solution(
        SolveStatus.OPTIMAL,
        MappingProxyType(assignment),
        MappingProxyType(adults or {}),
        objective=7,
        bound=7,
    )
    return assemble(data, prep, {team.team: solution}, 0.5)


def open_loads(worker_id: str, count: int, stage: Stage = Stage.CIN, fam: str = "O") -> list[Child]:
    return [
        child(f"{worker_id}-{fam}{i}", f"{worker_id}-{fam}{i}", stage, lead=worker_id)
        for i in range(count)
    ]


def test_continuity_load_and_court_sentences() -> None:
    workers = [worker("W1"), worker("W2")]
    kids = [
        *open_loads("W1", 12),
        *open_loads("W1", 2, Stage.COURT, "K"),
        child("C1", "F1", Stage.CP, previous_worker_id=WorkerId("W1")),
    ]
    proposal = solved(team_data(workers, kids), {"F1": "W1"})
    (allocation,) = proposal.allocations
    assert allocation.continuity
    assert allocation.reasons[0] == "Kept with Name W1, who already knows this family (continuity)."
    # 12 CIN + 2 COURT = 17.0 units of 15.0; +1.5 CP = 18.5
    assert "Name W1's load goes from 113% to 123% of capacity (17.0 → 18.5 of 15.0 units)." in (
        allocation.reasons
    )
    assert "Court load stays at 2 of 3." in allocation.reasons
    assert allocation.weight == 1.5


def test_siblings_pin_and_most_room_sentences() -> None:
    workers = [worker("W1"), worker("W2"), worker("W3")]
    kids = [
        *open_loads("W2", 5),
        child("C1", "F1", lead="W1"),
        child("C2", "F1", Stage.PLO),
        child("C3", "F2", pin_worker_id=WorkerId("W2")),
        child("C4", "F3"),
    ]
    proposal = solved(team_data(workers, kids), {"F1": "W1", "F2": "W2", "F3": "W3"})
    by_child = {a.child_id: a for a in proposal.allocations}
    assert by_child[ChildId("C2")].reasons[0] == "Joins their siblings, already with Name W1."
    assert "Court load rises to 1 of 3." in by_child[ChildId("C2")].reasons
    assert by_child[ChildId("C2")].continuity
    assert by_child[ChildId("C3")].reasons[0] == "Pinned to Name W2 by the manager."
    assert (
        by_child[ChildId("C4")].reasons[0]
        == "Among the eligible workers, Name W3 had the most room."
    )
    assert not by_child[ChildId("C4")].continuity


def test_skills_locality_and_adult_pairing() -> None:
    workers = [
        worker("W1", skills=("Polish", "teenagers"), locality="East"),
        worker("A1", Role.DA),
        worker("A2", Role.SM, available_to=date(2026, 1, 1)),
    ]
    kids = [child("C1", "F1", factors=("3B", "2B"), needs=("polish",), locality="East")]
    proposal = solved(team_data(workers, kids), {"F1": "W1"}, {"F1": ("A1",)})
    (allocation,) = proposal.allocations
    assert allocation.adult_worker_ids == ("A1",)
    assert "Name W1 has the skills the family needs: polish." in allocation.reasons
    assert "Name W1 works in the family's locality (East)." in allocation.reasons
    assert "Paired with Name A1 (domestic abuse practitioner)." in allocation.reasons
    assert "No substance misuse practitioner is available this week." in allocation.reasons
    lines = {w.worker_id: w for w in proposal.workload}
    assert (lines[WorkerId("A1")].load_before, lines[WorkerId("A1")].load_after) == (0.0, 1.0)


def test_adult_at_capacity_says_no_room() -> None:
    workers = [worker("W1"), worker("A1", Role.MH, capacity=1)]
    kids = [
        child("O1", "O1", lead="W1", adult_worker_ids=(WorkerId("A1"),)),
        child("C1", "F1", factors=("4B",)),
    ]
    (allocation,) = solved(team_data(workers, kids), {"F1": "W1"}).allocations
    assert "No adult mental health practitioner had room (families held: 1 of 1)." in (
        allocation.reasons
    )


def test_unallocated_reason_names_each_worker_and_what_stopped_them() -> None:
    workers = [
        worker("W1", court_cap=1),
        worker("W2"),
        worker("W3", Role.ASYE),
        worker("W4", accepting=False),
    ]
    kids = [
        *open_loads("W1", 1, Stage.COURT),
        *open_loads("W2", 17, Stage.CIN),
        child("C1", "F1", Stage.COURT),
    ]
    proposal = solved(team_data(workers, kids), {"F1": None})
    (missing,) = proposal.unallocated
    assert missing.child_id == "C1"
    assert "Name W1 is at the court cap (1 of 1)." in missing.reason
    assert "Name W2 would go to 130% of capacity; the ceiling is 120%." in missing.reason
    assert "Name W3 is newly qualified (ASYE)" in missing.reason
    assert "Name W4 is not accepting new cases." in missing.reason
    assert proposal.allocations == ()


def test_every_new_child_once_and_workload_for_every_worker() -> None:
    workers = [worker("W1"), worker("F1x", Role.FSW), worker("A1", Role.DA)]
    kids = [child("C1", "F1"), child("C2", "F1"), child("C3", "F2"), *open_loads("W1", 3)]
    proposal = solved(team_data(workers, kids), {"F1": "W1", "F2": None})
    placed = [a.child_id for a in proposal.allocations] + [u.child_id for u in proposal.unallocated]
    assert sorted(placed) == ["C1", "C2", "C3"]
    assert [w.worker_id for w in proposal.workload] == ["W1", "F1x", "A1"]
    w1 = proposal.workload[0]
    assert (w1.children_before, w1.children_after) == (3, 5)
    assert w1.load_after == w1.load_before + sum(a.weight for a in proposal.allocations)
    assert (proposal.status, proposal.objective, proposal.bound) == ("OPTIMAL", 7, 7)


def test_only_one_with_room_left_and_why_not_the_known_worker() -> None:
    workers = [worker("W1"), worker("W2")]
    kids = [
        *open_loads("W2", 1),
        child("C1", "F1", complexity=17.5),
        child("C2", "F2", complexity=16.5, previous_worker_id=WorkerId("W1")),
    ]
    proposal = solved(team_data(workers, kids), {"F1": "W1", "F2": "W2"})
    by_child = {a.child_id: a for a in proposal.allocations}
    reasons = by_child[ChildId("C2")].reasons
    assert reasons[0] == (
        "Once the other families were placed, Name W2 was the only eligible worker "
        "with room left for this family."
    )
    assert reasons[1] == (
        "Name W1, who knows the family, could not take it. "
        "Name W1 would go to 227% of capacity; the ceiling is 120%."
    )
    assert not by_child[ChildId("C2")].continuity


def test_no_plan_in_time_versus_a_fallback_plan() -> None:
    data = team_data([worker("W1")], [child("C1", "F1"), child("C2", "F2", complexity=30.0)])
    prep = prepare(data)
    (team,) = prep.teams
    nothing = Solution(SolveStatus.TIMEOUT_NO_SOLUTION, MappingProxyType({}))
    empty = assemble(data, prep, {team.team: nothing}, 1.0)
    assert empty.status == "TIMEOUT_NO_SOLUTION"
    assert all("no plan" in u.reason for u in empty.unallocated) and len(empty.unallocated) == 2
    fallback = Solution(
        SolveStatus.TIMEOUT_NO_SOLUTION,
        MappingProxyType({"F1": "W1", "F2": None}),
        used_fallback=True,
    )
    greedy = assemble(data, prep, {team.team: fallback}, 1.0)
    (left,) = greedy.unallocated
    assert "would go to" in left.reason and "ceiling is 120%" in left.reason
    assert any("least-loaded plan" in w for w in greedy.warnings)


def test_family_of_a_team_without_workers_is_unallocated_with_why() -> None:
    workers = [worker("N1", team="North"), worker("S1", team="South")]
    kids = [child("C1", "F1", team=TeamName("East"))]
    data = team_data(workers, kids)
    prep = prepare(data)
    solutions: dict[str, Solution] = {
        t.team: Solution(SolveStatus.OPTIMAL, MappingProxyType({})) for t in prep.teams
    }
    (missing,) = assemble(data, prep, solutions, 0.0).unallocated
    assert missing.reason.startswith("No worker in East can lead families. ")
    # service.md: without overflow the reason says who in other teams could have taken it
    assert missing.reason.endswith(
        "2 workers in other teams could have taken it; overflow "
        "between teams is off (Settings: overflow)."
    )


def test_a_known_worker_with_room_is_not_said_to_leave_a_family_unallocated() -> None:
    """Issue 16: with every family placed, 'without leaving a more urgent family unallocated'
    was untrue beside "Why not?"'s 'Possible'."""
    workers = [worker("W1"), worker("W2")]
    kids = [child("C1", "F1", Stage.CIN, previous_worker_id=WorkerId("W1"))]
    proposal = solved(team_data(workers, kids), {"F1": "W2"})
    (allocation,) = proposal.allocations
    assert not proposal.unallocated
    said = " ".join(allocation.reasons)
    assert "unallocated" not in said
    assert "Name W1, who knows the family, had room" in said and '"Why not?"' in said
