"""The store keeps the domain faithfully and says what an import changed (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest
from workspace_proposals import first_fit_proposal

from fsp_allocator.domain import ChildId, Stage, TeamData, Worker, WorkerId
from fsp_allocator.workspace import Workspace, WorkspaceError


def unneeded_worker(data: TeamData) -> Worker | None:
    """A worker no child names (as lead or adult practitioner), if there is one."""
    named = {c.worker_id for c in data.children}
    named |= {a for c in data.children for a in c.adult_worker_ids}
    return next((w for w in data.workers if w.worker_id not in named), None)


def test_load_returns_exactly_what_was_imported(workspace: Workspace, demo_team: TeamData) -> None:
    worker = dataclasses.replace(demo_team.workers[0], extra=MappingProxyType({"Phone": "x12"}))
    data = dataclasses.replace(demo_team, workers=(worker, *demo_team.workers[1:]))
    workspace.import_team(data, "Ann Manager")
    loaded = workspace.load()
    assert loaded == data
    assert loaded.workers[0].extra == {"Phone": "x12"}
    assert [c.child_id for c in loaded.children] == [c.child_id for c in data.children]
    assert loaded.settings == data.settings


def test_import_diff_lists_new_changed_removed_and_closed(
    workspace: Workspace, demo_team: TeamData
) -> None:
    first = workspace.import_team(demo_team)
    assert len(first.new_workers) == len(demo_team.workers)
    assert len(first.new_children) == len(demo_team.children)
    assert workspace.import_team(demo_team).is_empty

    open_child = demo_team.open_children()[0]
    free_worker = unneeded_worker(demo_team)
    changed = dataclasses.replace(demo_team.children[1], stage=Stage.CP)
    new_child = dataclasses.replace(
        demo_team.children[2], child_id=ChildId("NEW-1"), worker_id=None
    )
    children = [c for c in demo_team.children if c.child_id != open_child.child_id]
    children = [changed if c.child_id == changed.child_id else c for c in children] + [new_child]
    workers = [w for w in demo_team.workers if free_worker is None or w != free_worker]
    settings = dataclasses.replace(demo_team.settings, court_cap=4)
    diff = workspace.import_team(TeamData(tuple(workers), tuple(children), settings))

    assert diff.closed_children == (open_child.child_id,)
    assert diff.new_children == ("NEW-1",)
    assert diff.changed_children == (changed.child_id,)
    assert diff.settings_changed
    assert diff.removed_workers == ((free_worker.worker_id,) if free_worker else ())
    assert "Closed cases (1)" in diff.summary()
    loaded = workspace.load()
    assert open_child.child_id not in {c.child_id for c in loaded.children}
    assert loaded.settings.court_cap == 4
    closes = workspace.audit(entity="child", entity_id=open_child.child_id)
    assert [a.action for a in closes][-1] == "close"


def test_edits_are_saved_and_audited_field_by_field(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team, "Ann")
    worker = dataclasses.replace(demo_team.workers[0], fte=0.5, accepting=False)
    workspace.save_worker(worker, "Bea")
    assert workspace.load().worker(worker.worker_id) == worker
    rows = workspace.audit(entity="worker", entity_id=worker.worker_id)
    updates = {(a.field, a.old, a.new) for a in rows if a.action == "update"}
    assert ("fte", str(demo_team.workers[0].fte), "0.5") in updates
    assert ("accepting", "yes", "no") in updates
    expected = "Bea" if workspace.is_sqlite else workspace.user_name  # PostgreSQL: the login
    assert all(a.user == expected for a in rows if a.action == "update")


def test_a_worker_leading_open_cases_cannot_be_removed(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    lead = demo_team.open_children()[0].worker_id
    assert lead is not None
    with pytest.raises(WorkspaceError, match="still leads open cases"):
        workspace.remove_worker(lead)
    assert workspace.load().worker(lead) is not None


def test_new_child_can_be_removed_and_saved_back(workspace: Workspace, demo_team: TeamData) -> None:
    workspace.import_team(demo_team)
    new = demo_team.new_children()[0]
    workspace.remove_child(new.child_id, "Ann")
    assert new.child_id not in {c.child_id for c in workspace.load().children}
    workspace.save_child(new, "Ann")
    assert new in workspace.load().children
    opened = demo_team.open_children()[0]
    with pytest.raises(WorkspaceError, match="open case"):
        workspace.remove_child(opened.child_id)


def test_manager_name_is_used_for_the_record(workspace: Workspace, demo_team: TeamData) -> None:
    assert workspace.user_name  # the OS user until a name is set
    workspace.set_manager_name("Dana Okafor")
    expected = "Dana Okafor" if workspace.is_sqlite else workspace.user_name  # PG: the login
    assert workspace.user_name == expected
    workspace.import_team(demo_team)
    assert {a.user for a in workspace.audit()} == {expected}


def test_settings_are_replaced_and_audited(workspace: Workspace, demo_team: TeamData) -> None:
    workspace.import_team(demo_team)
    changed = dataclasses.replace(demo_team.settings, target_caseload=17.0)
    workspace.save_settings(changed, "Ann")
    assert workspace.load().settings == changed
    rows = workspace.audit(entity="settings")
    assert rows[-1].field == "target_caseload"
    assert (rows[-1].old, rows[-1].new) == ("15", "17")


def test_removed_worker_is_off_the_roster_but_can_come_back(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    spare = unneeded_worker(demo_team)
    if spare is None:
        spare = dataclasses.replace(demo_team.workers[0], worker_id=WorkerId("SPARE"))
        workspace.save_worker(spare)
    workspace.remove_worker(spare.worker_id)
    assert workspace.load().worker(spare.worker_id) is None
    workspace.save_worker(spare)
    assert workspace.load().worker(spare.worker_id) == spare


def test_a_childs_own_columns_are_neither_stored_nor_audited(
    workspace: Workspace, demo_team: TeamData
) -> None:
    """A manager's extra Cases columns may hold names (issue 14): the workspace keeps only
    what allocation needs, so they never reach the store or its audit."""
    workspace.import_team(demo_team)
    child = dataclasses.replace(
        demo_team.new_children()[0], extra=MappingProxyType({"Notes": "Jo Bloggs, age 6"})
    )
    workspace.save_child(child, "Ann")
    workspace.save_child(
        dataclasses.replace(child, extra=MappingProxyType({"Notes": "Jo Bloggs, age 7"})), "Ann"
    )
    stored = workspace.load().children[demo_team.children.index(demo_team.new_children()[0])]
    assert stored == child and dict(stored.extra) == {}
    logged = " ".join(f"{a.field} {a.old} {a.new}" for a in workspace.audit())
    assert "Bloggs" not in logged and "Notes" not in logged


def test_the_pending_proposal_is_replaced_by_the_next(
    workspace: Workspace, demo_team: TeamData
) -> None:
    workspace.import_team(demo_team)
    assert workspace.pending_proposal() is None
    first = first_fit_proposal(demo_team, leave_out=1)
    second = first_fit_proposal(demo_team, leave_out=2)
    workspace.store_proposal(first)
    workspace.store_proposal(second)
    assert workspace.pending_proposal() == second


def test_review_choices_are_kept_until_the_next_proposal_or_accept(
    workspace: Workspace, demo_team: TeamData
) -> None:
    from fsp_allocator.workspace.cycle import propose_pending

    workspace.import_team(demo_team)
    propose_pending(workspace)
    assert workspace.review_choices() == {}
    choices: dict[str, str | None] = {"F-1": "W-2", "F-3": None}
    workspace.save_review_choices(choices)
    assert workspace.review_choices() == choices  # a reopen (or a crash) keeps them
    propose_pending(workspace)
    assert workspace.review_choices() == {}  # they belonged to the replaced proposal
    workspace.save_review_choices(choices)
    proposal = workspace.pending_proposal()
    assert proposal is not None
    workspace.accept(proposal, {}, {})
    assert workspace.review_choices() == {}
