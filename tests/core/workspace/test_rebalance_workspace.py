"""A rebalance on the workspace: pending slot, accept in one transaction with one 'move'
decision per child, changes with reasons and the hard rules, conflicts that apply nothing,
the chain and `check`, history in words. Both backends (the `workspace` fixture)."""

from __future__ import annotations

import pytest
from rebalance_data import checked, leaver_team
from sqlalchemy import select

from fsp_allocator.domain import FamilyId, WorkerId
from fsp_allocator.workspace import (
    ChoiceRefused,
    OverrideReasonRequired,
    Workspace,
    WorkspaceError,
    tables,
)
from fsp_allocator.workspace import store_rebalance as store_module
from fsp_allocator.workspace.decision_text import decision_line
from fsp_allocator.workspace.errors import RebalanceConflict
from fsp_allocator.workspace.rebalancing import propose_rebalance


def _proposed(workspace: Workspace) -> dict[str, str]:
    workspace.import_team(leaver_team())
    run = checked(propose_rebalance(workspace))
    result = run.result()
    assert workspace.pending_rebalance() == result
    return {str(m.child_id): str(m.to_worker_id) for m in result.moves}


def _held(workspace: Workspace) -> dict[str, str | None]:
    return {str(c.child_id): c.worker_id for c in workspace.load().children}


def test_accept_moves_each_child_with_a_move_decision_and_audit(workspace: Workspace) -> None:
    planned = _proposed(workspace)
    assert set(planned) == {"j1", "j2", "j3", "j4"}
    assert planned["j3"] == planned["j4"] != "X"  # siblings together, never the excluded X
    pending = workspace.pending_rebalance()
    assert pending is not None

    done = workspace.accept_rebalance(pending, user="Ann Manager")

    assert done.moved == 4
    assert (done.backup_path is not None) == workspace.is_sqlite
    children = {c.child_id: c for c in workspace.load().children}
    for child_id, worker in planned.items():
        assert children[child_id].worker_id == worker  # type: ignore[index]
        assert children[child_id].previous_worker_id == "J"  # type: ignore[index]
    moves = [d for d in workspace.decisions() if d.kind == "move"]
    assert sorted(d.child_id for d in moves) == sorted(planned)
    for d in moves:
        assert (d.from_worker_id, d.worker_id, d.proposed_worker_id) == (
            "J",
            planned[d.child_id],
            planned[d.child_id],
        )
        assert d.decided_by == ("Ann Manager" if workspace.is_sqlite else workspace.user_name)
        assert d.reasons[0] == "Name J left on 1 November 2026" and d.manager_reason is None
    audit = [a for a in workspace.audit() if a.action == "move"]
    assert sorted((a.entity_id, a.old, a.new) for a in audit) == sorted(
        (c, "J", w) for c, w in planned.items()
    )
    assert workspace.pending_rebalance() is None
    assert workspace.check() == []
    assert workspace.accepted_weeks() == []  # a rebalance is no weekly allocation


def test_a_change_needs_a_reason_and_is_recorded_with_it(workspace: Workspace) -> None:
    planned = _proposed(workspace)
    pending = workspace.pending_rebalance()
    assert pending is not None
    other = next(w for w in ("A", "B", "C") if w != planned["j1"])
    before = _held(workspace)

    with pytest.raises(OverrideReasonRequired) as refused:
        workspace.accept_rebalance(pending, {}, {FamilyId("f1"): WorkerId(other)})
    assert refused.value.family_ids == ("f1",)
    with pytest.raises(OverrideReasonRequired):
        workspace.accept_rebalance(pending, {FamilyId("f2"): "  "}, {FamilyId("f2"): None})
    assert _held(workspace) == before and workspace.decisions() == []

    done = workspace.accept_rebalance(
        pending,
        {FamilyId("f1"): "knows the school", FamilyId("f2"): "court next week"},
        {FamilyId("f1"): WorkerId(other), FamilyId("f2"): None},
    )
    assert done.moved == 3
    held = _held(workspace)
    assert held["j1"] == other and held["j2"] == "J"
    by_child = {d.child_id: d for d in workspace.decisions()}
    assert by_child["j1"].worker_id == other
    assert by_child["j1"].proposed_worker_id == planned["j1"]
    assert by_child["j1"].manager_reason == "knows the school"
    assert by_child["j2"].worker_id == "J" and by_child["j2"].manager_reason == "court next week"
    names = workspace.worker_names()
    assert "kept with Name J" in decision_line(by_child["j2"], names)
    assert "court next week" in decision_line(by_child["j2"], names)
    assert workspace.check() == []


@pytest.mark.parametrize(("receiver", "rule"), [("F", "Rule 3"), ("X", "xclu")])
def test_a_change_a_hard_rule_forbids_is_refused_and_nothing_changes(
    workspace: Workspace, receiver: str, rule: str
) -> None:
    _proposed(workspace)
    pending = workspace.pending_rebalance()
    assert pending is not None
    before = _held(workspace)
    with pytest.raises(ChoiceRefused) as refused:
        workspace.accept_rebalance(
            pending, {FamilyId("f3"): "why not"}, {FamilyId("f3"): WorkerId(receiver)}
        )
    assert "Family f3" in str(refused.value) and rule in str(refused.value)
    assert _held(workspace) == before and workspace.decisions() == []
    assert workspace.pending_rebalance() == pending


def test_a_family_not_in_the_plan_cannot_be_changed(workspace: Workspace) -> None:
    _proposed(workspace)
    pending = workspace.pending_rebalance()
    assert pending is not None
    with pytest.raises(WorkspaceError, match="Family f4 is not moved"):
        workspace.accept_rebalance(pending, {FamilyId("f4"): "x"}, {FamilyId("f4"): None})


def test_a_child_moved_meanwhile_fails_the_whole_accept(workspace: Workspace) -> None:
    planned = _proposed(workspace)
    pending = workspace.pending_rebalance()
    assert pending is not None
    # another window moves j4 by hand after the plan was made
    j4 = next(c for c in workspace.load().children if c.child_id == "j4")
    from dataclasses import replace

    workspace.save_child(replace(j4, worker_id=WorkerId("B")))
    before = _held(workspace)
    with pytest.raises(RebalanceConflict, match=r"child j4 \(family f3\) was moved to B"):
        workspace.accept_rebalance(pending)
    assert _held(workspace) == before
    assert [d for d in workspace.decisions() if d.kind == "move"] == []
    assert workspace.pending_rebalance() == pending
    assert set(planned) >= {"j4"}


def test_a_change_during_the_accept_rolls_every_move_back(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks before the updates pass (as when another manager commits between them and
    the updates); the last child's guarded UPDATE then finds it changed, and the moves the
    transaction already made are undone with it."""
    _proposed(workspace)
    pending = workspace.pending_rebalance()
    assert pending is not None
    last = pending.moves[-1].child_id
    with workspace._engine.begin() as elsewhere:  # another manager's edit, committed
        elsewhere.execute(
            tables.children.update()
            .where(tables.children.c.child_id == last)
            .values(version=tables.children.c.version + 1)
        )
    before = _held(workspace)
    audit_before = len(workspace.audit())
    monkeypatch.setattr(store_module, "first_conflict", lambda *a: None)
    monkeypatch.setattr("fsp_allocator.workspace.rebalance_accept.first_conflict", lambda *a: None)
    with pytest.raises(RebalanceConflict, match=f"child {last} .* was edited"):
        workspace.accept_rebalance(pending)
    assert _held(workspace) == before
    assert len(workspace.audit()) == audit_before
    with workspace._engine.connect() as conn:
        kinds = conn.execute(select(tables.decisions.c.kind)).scalars().all()
    assert "move" not in kinds
    assert workspace.check() == []


def test_a_leavers_history_reads_after_they_leave_the_roster(workspace: Workspace) -> None:
    planned = _proposed(workspace)
    pending = workspace.pending_rebalance()
    assert pending is not None
    workspace.accept_rebalance(pending)
    workspace.remove_worker("J")
    assert "J" not in {w.worker_id for w in workspace.load().workers}
    history = workspace.decisions(worker_id="J")
    assert sorted(d.child_id for d in history) == sorted(planned)
    names = workspace.worker_names()
    line = decision_line(next(d for d in history if d.child_id == "j1"), names)
    assert f"moved from Name J to Name {planned['j1']}" in line
    assert "Why: Name J left on 1 November 2026" in line
    assert workspace.check() == []


def test_old_allocation_rows_and_new_move_rows_share_one_verified_chain(
    workspace: Workspace,
) -> None:
    """A weekly accept's rows hash as before migration 0004 (without kind and from worker),
    a move's rows include them; `check` verifies both in one chain."""
    from workspace_proposals import first_fit_proposal

    from fsp_allocator.workspace.chain import DECISION_FIELDS, GENESIS, row_hash

    workspace.import_team(leaver_team())
    proposal = first_fit_proposal(workspace.load())
    workspace.accept(proposal, {}, {})
    run = checked(propose_rebalance(workspace))
    workspace.accept_rebalance(run.result())
    with workspace._engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(tables.decisions).order_by("id"))]
    assert {r["kind"] for r in rows} == {"allocation", "move"}
    previous = GENESIS
    for row in rows:
        if row["kind"] == "allocation":  # the formula of 0002, by hand
            import hashlib
            import json

            content = [row["id"], *(_plain(row[n]) for n in DECISION_FIELDS), previous]
            text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
            assert row["hash"] == hashlib.sha256(text.encode()).hexdigest()
        else:
            assert row["hash"] == row_hash("decisions", row["id"], row, previous)
            forged = {**row, "from_worker_id": "A"}
            assert row_hash("decisions", row["id"], forged, previous) != row["hash"]
        previous = row["hash"]
    assert workspace.check() == []


def _plain(value: object) -> object:
    from fsp_allocator.workspace.chain import _plain as plain

    return plain(value)


def test_store_replaces_and_scopes_the_pending_rebalance(workspace: Workspace) -> None:
    _proposed(workspace)
    first = workspace.pending_rebalance()
    assert first is not None
    run = checked(propose_rebalance(workspace, max_moves=1))
    assert workspace.pending_rebalance() == run.result()
    assert run.result().max_moves == 1 and first.max_moves == 0
    assert workspace.pending_order() == ("rebalance",)
    workspace.narrow(["North"])
    assert workspace.pending_rebalance() is None  # another scope's slot


def test_a_refused_choice_stores_nothing(workspace: Workspace) -> None:
    workspace.import_team(leaver_team())
    with pytest.raises(ChoiceRefused, match="Rule 3"):
        propose_rebalance(workspace, choices={FamilyId("f1"): WorkerId("F")})
    assert workspace.pending_rebalance() is None
    run = checked(propose_rebalance(workspace, choices={FamilyId("f1"): None}))
    kept = [u for u in run.result().unplaced if u.family_id == "f1"]
    assert kept and "kept with Name J by the manager" in kept[0].reason


@pytest.mark.parametrize(
    "forgery",
    [
        "UPDATE decisions SET kind = 'allocation', from_worker_id = NULL WHERE id = {move}",
        "UPDATE decisions SET from_worker_id = 'B' WHERE id = {allocation}",
        "UPDATE decisions SET from_worker_id = 'C' WHERE id = {move}",
    ],
)
def test_forging_a_move_or_its_from_worker_breaks_the_chain(
    sqlite_workspace: Workspace, forgery: str
) -> None:
    import sqlite3

    from workspace_proposals import first_fit_proposal

    workspace = sqlite_workspace
    workspace.import_team(leaver_team())
    workspace.accept(first_fit_proposal(workspace.load()), {}, {})
    workspace.accept_rebalance(checked(propose_rebalance(workspace)).result())
    assert workspace.check() == []
    ids = {d.kind: i + 1 for i, d in reversed(list(enumerate(workspace.decisions())))}
    assert workspace.path is not None
    connection = sqlite3.connect(workspace.path)
    try:
        connection.execute("DROP TRIGGER decisions_no_update")
        connection.execute(forgery.format(move=ids["move"], allocation=ids["allocation"]))
        connection.commit()
    finally:
        connection.close()
    problems = workspace.check()
    assert any("decisions row" in p and "does not match its hash" in p for p in problems)


def test_a_change_over_the_caps_is_honoured_with_a_warning(workspace: Workspace) -> None:
    """Rule 9: the manager may send a family past a cap; accept tells them which."""
    from dataclasses import replace

    data = leaver_team()
    small = tuple(
        replace(w, capacity=1.0) if w.worker_id == "C" else w for w in data.workers
    )  # C's ceiling is 1.2: the family f3's two children take them past it
    workspace.import_team(replace(data, workers=small))
    result = checked(propose_rebalance(workspace)).result()
    assert {m.to_worker_id for m in result.moves if m.family_id == "f3"} != {"C"}
    done = workspace.accept_rebalance(
        result, {FamilyId("f3"): "knows the family"}, {FamilyId("f3"): WorkerId("C")}
    )
    assert done.moved == 4
    assert _held(workspace)["j3"] == "C" == _held(workspace)["j4"]
    assert any(
        w.startswith("Family f3 goes to Name C, the manager's choice, over the caps")
        for w in done.warnings
    ), done.warnings


def test_another_frontier_point_of_the_same_run_is_accepted_against_its_basis(
    workspace: Workspace,
) -> None:
    """The app keeps the plan it showed first and the manager steps along the frontier: a
    point with more (voluntary) moves accepts against the basis the run was read from."""
    from dataclasses import replace

    from rebalance_data import TEAM, _child

    data = leaver_team()
    workers = tuple(replace(w, capacity=2.0) if w.worker_id == "A" else w for w in data.workers)
    extra = tuple(_child(f"a{i}", f"g{i}", "A") for i in range(2, 6))
    workspace.import_team(replace(data, workers=workers, children=data.children + extra))
    run = checked(propose_rebalance(workspace, max_moves=2, moves=0))
    shown, chosen = run.result(0), run.result(2)
    assert workspace.pending_rebalance() == shown
    voluntary = [m for m in chosen.moves if not m.forced]
    assert voluntary and all(m.team == TEAM for m in voluntary)
    done = workspace.accept_rebalance(chosen)
    assert done.moved == len(chosen.moves) > len(shown.moves)
    held = _held(workspace)
    assert all(held[m.child_id] == m.to_worker_id for m in chosen.moves)
    assert workspace.check() == []
