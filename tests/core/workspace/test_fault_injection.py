"""Killing the process (SIGKILL) at random points of an accept never damages the workspace.

Each run forks a process that opens a copy of a workspace and accepts the pending proposal;
the parent kills it after a seeded random delay spread over the accept's duration. Every
time the copy must pass the integrity check and hold exactly the old or the new state.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from workspace_proposals import first_fit_proposal

from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import open_workspace
from fsp_allocator.workspace.cycle import accept_pending

RUNS = 40

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def _accept_in_child(path: str, ready: multiprocessing.synchronize.Event) -> None:
    workspace = open_workspace(path)
    workspace.load()  # warm up: the kill should land in the accept, not the opening
    ready.set()
    accept_pending(workspace, {}, {}, "Fault Test")
    workspace.close()
    os._exit(0)


def _state(path: Path) -> tuple[list[str], int, int, bool]:
    workspace = open_workspace(path)
    try:
        problems = workspace.check()
        allocated = sum(1 for c in workspace.load().children if c.worker_id is not None)
        decisions = len(workspace.decisions())
        pending = workspace.pending_proposal() is not None
    finally:
        workspace.close()
    return problems, allocated, decisions, pending


def test_sigkill_during_accept_leaves_old_or_new_state(tmp_path: Path, demo_team: TeamData) -> None:
    template = tmp_path / "template.sqlite"
    workspace = open_workspace(template)
    workspace.import_team(demo_team)
    proposal = first_fit_proposal(demo_team, leave_out=0)
    workspace.store_proposal(proposal)
    workspace.close()
    old_state: tuple[list[str], int, int, bool] = ([], len(demo_team.open_children()), 0, True)
    new_state: tuple[list[str], int, int, bool] = (
        [],
        len(demo_team.children),
        len(demo_team.new_children()),
        False,
    )

    probe = tmp_path / "probe.sqlite"
    shutil.copy(template, probe)
    opened = open_workspace(probe)
    started = time.perf_counter()
    accept_pending(opened, {}, {})
    duration = time.perf_counter() - started  # only to spread the kills over the accept
    opened.close()
    assert _state(probe) == new_state

    context = multiprocessing.get_context("fork")
    rng = random.Random(20261123)
    outcomes: list[bool] = []
    for run in range(RUNS):
        copy = tmp_path / f"run{run}" / "workspace.sqlite"
        copy.parent.mkdir()
        shutil.copy(template, copy)
        ready = context.Event()
        child = context.Process(target=_accept_in_child, args=(str(copy), ready))
        child.start()
        assert ready.wait(30), "the child never opened the workspace"
        time.sleep(rng.uniform(0.0, duration * 1.5))
        if child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)
        child.join(30)
        state = _state(copy)
        assert state in (old_state, new_state), f"run {run}: {state}"
        outcomes.append(state == new_state)
        shutil.rmtree(copy.parent)
    print(f"{outcomes.count(True)} of {RUNS} kills came after the commit")
