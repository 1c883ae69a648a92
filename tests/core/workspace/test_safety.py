"""Safety of a SQLite workspace: backups, integrity check, unsafe places, busy, lost updates."""

from __future__ import annotations

import dataclasses
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from workspace_proposals import first_fit_proposal

from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import (
    Workspace,
    WorkspaceBusy,
    WorkspaceError,
    open_default_workspace,
    open_workspace,
)
from fsp_allocator.workspace.backup import list_backups
from fsp_allocator.workspace.location import is_network_path
from fsp_allocator.workspace.state import read_team


def test_backups_keep_the_newest_twenty(sqlite_workspace: Workspace, demo_team: TeamData) -> None:
    sqlite_workspace.import_team(demo_team)
    made = [sqlite_workspace.backup() for _ in range(23)]
    assert sqlite_workspace.path is not None
    kept = list_backups(sqlite_workspace.path)
    assert kept == made[-20:]
    copy = open_workspace(kept[-1])
    try:
        assert copy.load() == demo_team
    finally:
        copy.close()


def test_accept_takes_a_backup_of_the_state_before(
    sqlite_workspace: Workspace, demo_team: TeamData
) -> None:
    sqlite_workspace.import_team(demo_team)
    result = sqlite_workspace.accept(first_fit_proposal(demo_team), {}, {})
    assert result.backup_path is not None
    before = open_workspace(result.backup_path)
    try:
        assert before.load() == demo_team
        assert before.decisions() == []
    finally:
        before.close()


def test_check_is_empty_when_healthy_and_reports_damage(
    sqlite_workspace: Workspace, demo_team: TeamData
) -> None:
    sqlite_workspace.import_team(demo_team)
    assert sqlite_workspace.check() == []
    path = sqlite_workspace.path
    assert path is not None
    sqlite_workspace.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'children'"
        ).fetchone()[0]
    with path.open("r+b") as handle:  # scribble over the cases table's root page
        handle.seek((root - 1) * page_size)
        handle.write(b"\x07" * 64)
    try:
        damaged = open_workspace(path)
    except WorkspaceError as exc:
        assert "damaged" in str(exc) or "cannot be opened" in str(exc)
        return
    try:
        assert damaged.check() != []
    finally:
        damaged.close()


def test_a_read_only_folder_gets_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(WorkspaceError, match=r"read-only.*default location"):
            open_workspace(folder / "workspace.sqlite")
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_read_only_file_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "workspace.sqlite"
    open_workspace(path).close()
    path.chmod(stat.S_IRUSR)
    with pytest.raises(WorkspaceError, match=r"file .* is read-only"):
        open_workspace(path)


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/team nfs4 rw 0 0
//fileserver/share /media/share cifs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/mnt/team/fsp/workspace.sqlite", True),
        ("/media/share/workspace.sqlite", True),
        ("/home/ann/workspace.sqlite", False),
        ("/mnt/teamwork/workspace.sqlite", False),
        ("\\\\server\\share\\workspace.sqlite", True),
    ],
)
def test_network_shares_are_recognised(path: str, network: bool) -> None:
    assert is_network_path(Path(path), MOUNTS) is network


def test_a_busy_workspace_says_so(tmp_path: Path, demo_team: TeamData) -> None:
    path = tmp_path / "workspace.sqlite"
    workspace = open_workspace(path, busy_timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WorkspaceBusy, match="another FSP Allocator window is saving"):
            workspace.import_team(demo_team)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    workspace.import_team(demo_team)
    assert workspace.load() == demo_team
    workspace.close()


def test_two_windows_saving_at_once_lose_no_update(tmp_path: Path, demo_team: TeamData) -> None:
    path = tmp_path / "workspace.sqlite"
    setup = open_workspace(path)
    setup.import_team(demo_team)
    setup.close()
    worker_id = demo_team.workers[0].worker_id
    rounds = 15

    def bump(workspace: Workspace) -> None:
        for _ in range(rounds):  # read-modify-write of one worker's court cap
            with workspace._write() as conn:
                worker = read_team(conn).worker(worker_id)
                assert worker is not None
                from fsp_allocator.workspace import tables
                from fsp_allocator.workspace.audit import utc_now
                from fsp_allocator.workspace.edits import upsert_worker
                from fsp_allocator.workspace.state import rows_by_id

                row = rows_by_id(conn, tables.workers, "worker_id")[worker_id]
                grown = dataclasses.replace(worker, court_cap=(worker.court_cap or 0) + 1)
                upsert_worker(conn, grown, row["seq"], row, "test", utc_now())

    windows = [open_workspace(path), open_workspace(path)]
    threads = [threading.Thread(target=bump, args=(w,)) for w in windows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = windows[0].load().worker(worker_id)
    for window in windows:
        window.close()
    assert final is not None
    assert final.court_cap == 2 * rounds


def test_first_run_makes_a_marked_demo_workspace() -> None:
    workspace = open_default_workspace()
    try:
        assert workspace.is_demo
        assert workspace.load().new_children()
        assert "default" in workspace.location
    finally:
        workspace.close()
    again = open_default_workspace()
    try:
        assert again.is_demo
        again.import_team(again.load())
        assert not again.is_demo
    finally:
        again.close()
