"""`workspace restore BACKUP`: undo to a backup, itself undoable, checked and on the record."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fsp_allocator.cli.main import main
from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import Workspace, WorkspaceError, open_workspace
from fsp_allocator.workspace.backup import list_backups
from fsp_allocator.workspace.restore import describe_backups


def _cli(*argv: str) -> int:
    return main(["workspace", *argv])


def _workspace_with_backup(tmp_path: Path, demo_team: TeamData) -> tuple[Path, Path]:
    """A workspace whose backup holds the team, and which then lost a new child."""
    path = tmp_path / "ws" / "workspace.sqlite"
    workspace = open_workspace(path)
    workspace.import_team(demo_team)
    backup = workspace.backup()
    workspace.remove_child(demo_team.new_children()[0].child_id)
    workspace.close()
    return path, backup


def test_restore_puts_the_backup_back_after_backing_up_the_state_before(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = _workspace_with_backup(tmp_path, demo_team)

    assert _cli("--db", str(path), "restore", str(backup), "--as", "Ann Lee") == 0

    out = capsys.readouterr().out
    assert f"from {backup.name}" in out and "backed up first" in out
    workspace = open_workspace(path)
    try:
        assert len(workspace.load().children) == len(demo_team.children)
        assert workspace.check() == []
        last = workspace.audit()[-1]
        assert (last.action, last.entity_id, last.user) == ("restore", backup.name, "Ann Lee")
        before = Path(backup.parent / str(last.new))
        assert before in list_backups(path)  # the restore can be undone
        workspace.restore(before)
        assert len(workspace.load().children) == len(demo_team.children) - 1
    finally:
        workspace.close()


def test_backups_are_listed_newest_first_with_their_size(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = _workspace_with_backup(tmp_path, demo_team)
    workspace = open_workspace(path)
    newer = workspace.backup()
    workspace.close()

    files = describe_backups(list_backups(path))

    assert [f.path for f in files] == [newer, backup]
    assert all(f.size_bytes > 0 for f in files)
    assert _cli("--db", str(path), "backups") == 0
    lines = capsys.readouterr().out.splitlines()
    assert newer.name in lines[0] and backup.name in lines[1] and "KB" in lines[0]


def _refused(path: Path, backup: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = path.read_bytes()
    assert _cli("--db", str(path), "restore", str(backup)) == 1
    assert path.read_bytes() == before
    return capsys.readouterr().err


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _workspace_with_backup(tmp_path, demo_team)
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (x)")

    assert "is not an FSP Allocator workspace backup (it is not a SQLite" in _refused(
        path, text, capsys
    )
    assert "has no workspace tables" in _refused(path, other, capsys)
    assert "does not exist" in _refused(path, tmp_path / "missing.sqlite", capsys)
    assert "the workspace itself" in _refused(path, path, capsys)
    assert len(list_backups(path)) == 1  # no backup of the state was taken for nothing


def test_a_backup_from_a_newer_version_is_refused(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = _workspace_with_backup(tmp_path, demo_team)
    with sqlite3.connect(backup) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")

    assert "newer version of FSP Allocator" in _refused(path, backup, capsys)


def test_a_damaged_backup_is_refused(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = _workspace_with_backup(tmp_path, demo_team)
    with sqlite3.connect(backup) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'children'")
        page = root.fetchone()[0]
    with backup.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(b"\x07" * 64)

    err = _refused(path, backup, capsys)
    assert "damaged" in err or "not an FSP Allocator workspace backup" in err


@pytest.mark.postgres
def test_a_postgresql_workspace_is_restored_by_its_server(pg_url: str, tmp_path: Path) -> None:
    workspace: Workspace = open_workspace(pg_url)
    try:
        with pytest.raises(WorkspaceError, match="restored by its database server"):
            workspace.restore(tmp_path / "backup.sqlite")
    finally:
        workspace.close()
