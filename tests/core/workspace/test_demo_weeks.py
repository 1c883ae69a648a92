"""The demo workspace is reached through real past weeks, so its history is not empty."""

from __future__ import annotations

from datetime import date, timedelta

from fsp_allocator.demo import generate
from fsp_allocator.workspace import Workspace, open_default_workspace
from fsp_allocator.workspace.backup import list_backups
from fsp_allocator.workspace.demo_weeks import PAST_WEEKS, arrival_batches, seed_demo_history
from fsp_allocator.workspace.opening import DEMO_USER

WEEK = date(2026, 11, 23)


def test_past_weeks_are_real_cycles_ending_in_the_demo_team(workspace: Workspace) -> None:
    data = generate(teams=1, seed=1, week=WEEK)
    seed_demo_history(workspace, data, DEMO_USER)
    now = workspace.load()

    assert {w.worker_id for w in now.workers} == {w.worker_id for w in data.workers}
    arrivals, closures = arrival_batches(data, PAST_WEEKS, 1)
    closed = {f for batch in closures for f in batch}
    assert closed
    assert {c.child_id for c in now.children} == {
        c.child_id for c in data.children if c.family_id not in closed
    }
    assert {c.child_id for c in now.new_children()} >= {
        c.child_id for c in data.children if c.is_new
    }
    assert now.settings.week == WEEK

    mondays = {WEEK - timedelta(weeks=n) for n in range(1, PAST_WEEKS + 1)}
    assert {s.week for s in workspace.workload_history()} == mondays
    decisions = workspace.decisions()
    held_back = {f for batch in arrivals for f in batch}
    assert {d.family_id for d in decisions} == held_back
    assert {d.week for d in decisions} == mondays
    recorder = DEMO_USER if workspace.is_sqlite else workspace.user_name  # PG: the login
    assert all(d.decided_by == recorder and d.reasons for d in decisions)
    latest = {d.child_id: d.worker_id for d in decisions}  # oldest first: the last one holds
    for child in now.children:
        if child.child_id in latest:
            assert child.worker_id == latest[child.child_id]
    assert workspace.pending_proposal() is None


def test_arrivals_and_closures_are_early_stage_open_families_in_disjoint_batches() -> None:
    data = generate(teams=1, seed=1, week=WEEK)
    arrivals, closures = arrival_batches(data, PAST_WEEKS, seed=1)
    assert len(arrivals) == len(closures) == PAST_WEEKS and all(arrivals) and all(closures)
    flat = [f for batch in arrivals + closures for f in batch]
    assert len(flat) == len(set(flat))
    for family in data.families():
        if family.family_id in flat:
            assert all(not c.is_new and not c.stage.is_court for c in family.children)


def test_first_run_has_past_weeks_and_takes_no_backups() -> None:
    workspace = open_default_workspace()
    try:
        assert workspace.is_demo
        assert len({s.week for s in workspace.workload_history()}) == PAST_WEEKS
        assert workspace.path is not None and list_backups(workspace.path) == []
    finally:
        workspace.close()
