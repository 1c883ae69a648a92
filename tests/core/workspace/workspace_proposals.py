"""Proposals for the store's tests, made without the engine (the store must not depend on it)."""

from __future__ import annotations

from fsp_allocator.allocation.choice_check import check_choices
from fsp_allocator.allocation.proposal import (
    AllocationProposal,
    ChildAllocation,
    UnallocatedChild,
)
from fsp_allocator.domain import TeamData, WorkerId
from fsp_allocator.weighting import child_weights, worker_loads


def first_fit_proposal(data: TeamData, leave_out: int = 1) -> AllocationProposal:
    """A valid proposal made without the engine: each new family to the least-loaded lead
    worker of its team (open families to their worker); the last `leave_out` families
    are listed unallocated. Test data for the store, independent of the solver.
    """
    weights = child_weights(data.children, data.settings)
    loads = {w: load.ratio for w, load in worker_loads(data).items()}
    leads = [w for w in data.workers if w.role.leads]
    new_families = [f for f in data.families() if f.new_children]
    allocations: list[ChildAllocation] = []
    unallocated: list[UnallocatedChild] = []
    for index, family in enumerate(new_families):
        team = family.new_children[0].team
        if index >= len(new_families) - leave_out:
            unallocated += [
                UnallocatedChild(c.child_id, c.family_id, "no room in the test", team)
                for c in family.new_children
            ]
            continue
        if family.lead_worker_ids:
            chosen = family.lead_worker_ids[0]
        else:
            in_team = [w for w in leads if w.team == team] or leads
            chosen = min(in_team, key=lambda w: loads[w.worker_id]).worker_id
        loads[chosen] += 0.1
        allocations += [
            ChildAllocation(
                c.child_id,
                c.family_id,
                WorkerId(chosen),
                (),
                False,
                weights[c.child_id],
                (f"least loaded in the test ({chosen})",),
                team,
            )
            for c in family.new_children
        ]
    return AllocationProposal(
        status="FEASIBLE",
        week=data.settings.week,
        solve_seconds=0.0,
        objective=0,
        bound=0,
        allocations=tuple(allocations),
        unallocated=tuple(unallocated),
        workload=(),
    )


def allowed_move(data: TeamData, proposal: AllocationProposal) -> tuple[ChildAllocation, WorkerId]:
    """An allocation of the proposal and another worker the rules let the manager choose for
    its family (the review's own check decides, so the test never restates a rule)."""
    final = {a.family_id: a.worker_id for a in proposal.allocations}
    for allocation in proposal.allocations:
        for worker in data.workers:
            if worker.worker_id == allocation.worker_id:
                continue
            choice = {**final, allocation.family_id: worker.worker_id}
            if check_choices(data, choice, frozenset({allocation.family_id})).ok:
                return allocation, worker.worker_id
    raise AssertionError("no family of the proposal could be moved within the rules")
