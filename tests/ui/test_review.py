"""The review's rules: siblings move together, overrides are tracked, loads follow the choices."""

from __future__ import annotations

from datetime import date

import pytest

from fsp_allocator.allocation.proposal import (
    AllocationProposal,
    ChildAllocation,
    UnallocatedChild,
)
from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData, WorkerId, families
from fsp_allocator.weighting import worker_loads
from ui.review import ProposalReview


@pytest.fixture(scope="module")
def data() -> TeamData:
    return generate(teams=1, seed=5, week=date(2026, 11, 23))


def round_robin_proposal(data: TeamData) -> AllocationProposal:
    """An input proposal: new families dealt to lead workers in turn; the last left unallocated."""
    leads = [w.worker_id for w in data.workers if w.role.leads]
    new_families = [f for f in families(data.new_children())]
    allocations, unallocated = [], []
    for n, family in enumerate(new_families):
        for child in family.children:
            if n == len(new_families) - 1:
                unallocated.append(
                    UnallocatedChild(
                        child.child_id, family.family_id, "no one had room", child.team
                    )
                )
            else:
                allocations.append(
                    ChildAllocation(
                        child.child_id,
                        family.family_id,
                        leads[n % len(leads)],
                        (),
                        False,
                        1.0,
                        (f"reason {n}",),
                        child.team,
                    )
                )
    return AllocationProposal(
        "FEASIBLE", data.settings.week, 0.0, 0, 0, tuple(allocations), tuple(unallocated), ()
    )


def test_rows_are_families_with_their_children(data: TeamData) -> None:
    proposal = round_robin_proposal(data)
    review = ProposalReview(data, proposal)
    assert {r.family_id for r in review.rows} == {c.family_id for c in data.new_children()}
    assert sorted(c for r in review.rows for c in r.child_ids) == sorted(
        c.child_id for c in data.new_children()
    )
    assert review.overridden() == []
    assert review.rows[-1].proposed_worker_id is None
    assert review.rows[-1].unallocated_reason == "no one had room"


def test_a_change_moves_the_whole_family_and_is_an_override(data: TeamData) -> None:
    review = ProposalReview(data, round_robin_proposal(data))
    row = max(review.rows[:-1], key=lambda r: len(r.child_ids))
    other = next(
        w.worker_id
        for w in review.candidates(row.family_id)
        if w.worker_id != row.proposed_worker_id
    )
    before_ratio = worker_loads(data)[other].ratio
    review.set_worker(row.family_id, other)
    final = review.final_by_child()
    assert all(final[c] == other for c in row.child_ids)
    assert review.overridden() == [row.family_id]
    was, now = review.load_change(other)
    assert was == pytest.approx(before_ratio)
    assert now > was
    review.set_worker(row.family_id, row.proposed_worker_id)
    assert review.overridden() == []


def test_final_proposal_carries_the_managers_choice_and_reason(data: TeamData) -> None:
    review = ProposalReview(data, round_robin_proposal(data))
    first, last = review.rows[0], review.rows[-1]
    chosen = WorkerId(next(w.worker_id for w in review.candidates(last.family_id)))
    review.set_worker(last.family_id, chosen)
    review.set_worker(first.family_id, None)
    final = review.final_proposal({last.family_id: "room after all"})
    by_child = {a.child_id: a for a in final.allocations}
    assert all(by_child[c].worker_id == chosen for c in last.child_ids)
    assert any("room after all" in r for r in by_child[last.child_ids[0]].reasons)
    assert {u.child_id for u in final.unallocated} == set(first.child_ids)
    assert len(final.allocations) + len(final.unallocated) == len(data.new_children())
    line = next(w for w in final.workload if w.worker_id == chosen)
    assert line.children_after == line.children_before + len(last.child_ids)
    # the sheet exported from the review shows each lead's court cap, as `allocate`'s does
    from fsp_allocator.weighting import court_cap

    for worker in data.workers:
        shown = next(w for w in final.workload if w.worker_id == worker.worker_id)
        expected = court_cap(worker, data.settings) if worker.role.leads else None
        assert shown.court_cap == expected, worker.worker_id
