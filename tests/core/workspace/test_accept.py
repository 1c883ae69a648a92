"""Accepting: the allocation becomes the caseload, every decision is on record, history grows."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import text
from workspace_proposals import allowed_move, first_fit_proposal

from fsp_allocator.domain import ChildId, FamilyId, TeamData, WorkerId
from fsp_allocator.workspace import (
    AcceptConflict,
    OverrideReasonRequired,
    Workspace,
    WorkspaceError,
    open_workspace,
)


def test_accept_makes_the_allocation_the_caseload(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    proposal = first_fit_proposal(workspace.load())
    workspace.store_proposal(proposal)
    assert workspace.pending_proposal() == proposal

    result = workspace.accept(proposal, {}, {}, "Ann Manager")

    assert result.allocated == len(proposal.allocations)
    assert result.left_unallocated == len(proposal.unallocated)
    assert (result.backup_path is not None) == workspace.is_sqlite
    held = {c.child_id: c.worker_id for c in workspace.load().children}
    for allocation in proposal.allocations:
        assert held[allocation.child_id] == allocation.worker_id
    for child in proposal.unallocated:
        assert held[child.child_id] is None
    decisions = workspace.decisions()
    assert len(decisions) == len(proposal.allocations) + len(proposal.unallocated)
    first = decisions[0]
    # on PostgreSQL the record names the database login, never a name passed in
    assert first.decided_by == ("Ann Manager" if workspace.is_sqlite else workspace.user_name)
    assert first.reasons and first.manager_reason is None
    assert workspace.pending_proposal() is None
    history = workspace.workload_history()
    assert {s.worker_id for s in history} == {w.worker_id for w in demo_team.workers}
    worker = proposal.allocations[0].worker_id
    assert [d.worker_id for d in workspace.decisions(worker_id=worker)] == [worker] * len(
        workspace.decisions(worker_id=worker)
    )
    accepted = [a for a in workspace.audit(entity="allocation") if a.action == "accept"]
    assert len(accepted) == len(proposal.allocations)


def test_a_changed_family_needs_the_managers_reason(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    proposal = first_fit_proposal(workspace.load())
    moved, other = allowed_move(workspace.load(), proposal)
    siblings = [a for a in proposal.allocations if a.family_id == moved.family_id]
    final = {a.child_id: WorkerId(other) for a in siblings}

    with pytest.raises(OverrideReasonRequired) as refused:
        workspace.accept(proposal, final, {moved.family_id: "   "})
    assert refused.value.family_ids == (moved.family_id,)
    assert workspace.decisions() == []
    assert workspace.load().children == demo_team.children

    workspace.accept(proposal, final, {moved.family_id: "knows the school"}, "Ann")
    record = next(d for d in workspace.decisions() if d.child_id == moved.child_id)
    assert record.worker_id == other
    assert record.proposed_worker_id == moved.worker_id
    assert record.manager_reason == "knows the school"


def test_leaving_a_child_unallocated_counts_as_a_change(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    proposal = first_fit_proposal(workspace.load())
    family = proposal.allocations[0].family_id
    final = {a.child_id: None for a in proposal.allocations if a.family_id == family}
    with pytest.raises(OverrideReasonRequired):
        workspace.accept(proposal, final, {})
    result = workspace.accept(proposal, final, {FamilyId(family): "waiting for a strategy meeting"})
    assert result.left_unallocated == len(proposal.unallocated) + len(final)


def test_the_same_family_cannot_be_accepted_twice(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    proposal = first_fit_proposal(workspace.load())
    workspace.accept(proposal, {}, {})
    before = (len(workspace.decisions()), len(workspace.audit()))
    with pytest.raises(AcceptConflict, match="allocated by another manager"):
        workspace.accept(proposal, {}, {})
    assert (len(workspace.decisions()), len(workspace.audit())) == before


def test_an_unknown_worker_is_refused(workspace: Workspace, demo_team: TeamData) -> None:
    workspace.import_team(demo_team)
    proposal = first_fit_proposal(workspace.load())
    moved = proposal.allocations[0]
    with pytest.raises(WorkspaceError, match="not on the roster"):
        workspace.accept(
            proposal, {moved.child_id: WorkerId("NOBODY")}, {moved.family_id: "a reason"}
        )


@pytest.mark.parametrize("statement", ["UPDATE audit SET user_name = 'x'", "DELETE FROM audit"])
def test_the_database_refuses_to_edit_the_audit_log(
    workspace: Workspace, demo_team: TeamData, statement: str
) -> None:
    workspace.import_team(demo_team)
    workspace.accept(first_fit_proposal(workspace.load()), {}, {})
    rows = len(workspace.audit())
    engine = workspace._engine  # the app offers no way; prove the database refuses too
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert len(workspace.audit()) == rows
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(
            text(statement.replace("audit", "decisions").replace("user_name", "decided_by"))
        )
    assert workspace.decisions()


def _race(workers: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(workers))
    outcomes: list[object] = [None] * len(workers)

    def run(index: int) -> None:
        barrier.wait()
        try:
            outcomes[index] = workers[index]()
        except Exception as exc:  # the loser's error is the point of the test
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres
def test_two_managers_accepting_one_family_on_postgres(pg_url: str, demo_team: TeamData) -> None:
    first, second = open_workspace(pg_url), open_workspace(pg_url)
    try:
        first.import_team(demo_team)
        proposal = first_fit_proposal(first.load(), leave_out=0)
        family = proposal.allocations[0].family_id
        chosen = [a for a in proposal.allocations if a.family_id == family]
        one_family = type(proposal)(
            **{
                **{f: getattr(proposal, f) for f in proposal.__dataclass_fields__},
                "allocations": tuple(chosen),
                "unallocated": (),
            }
        )
        outcomes = _race(
            [
                lambda: first.accept(one_family, {}, {}, "Ann"),
                lambda: second.accept(one_family, {}, {}, "Bea"),
            ]
        )
        conflicts = [o for o in outcomes if isinstance(o, AcceptConflict)]
        assert len(conflicts) == 1, outcomes
        assert f"allocated family {family}" in str(conflicts[0])
        assert "Propose again" in str(conflicts[0])
        accepted = [a for a in first.audit(entity="allocation") if a.action == "accept"]
        assert len(accepted) == len(chosen)
        assert len(first.decisions()) == len(chosen)
        winner = accepted[0].user
        assert {d.decided_by for d in first.decisions()} == {winner}
        held = {c.child_id: c.worker_id for c in first.load().children}
        assert all(held[ChildId(a.child_id)] == a.worker_id for a in chosen)
    finally:
        first.close()
        second.close()
