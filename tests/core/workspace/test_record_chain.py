"""A record that proves itself: tampering with a SQLite workspace is reported by `check`
(issue 13: after dropping the triggers and deleting audit rows, check said healthy), and
`check` on a missing file creates nothing (issue 16)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from workspace_proposals import allowed_move, first_fit_proposal

from fsp_allocator.cli.main import main
from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import open_workspace
from fsp_allocator.workspace.backup import list_backups


@pytest.fixture
def accepted(tmp_path: Path, demo_team: TeamData) -> Path:
    """A SQLite workspace with a team imported and one week accepted (with a reason)."""
    path = tmp_path / "ws" / "workspace.sqlite"
    workspace = open_workspace(path)
    workspace.import_team(demo_team)
    data = workspace.load()
    proposal = first_fit_proposal(data)
    moved, other = allowed_move(data, proposal)
    family = {a.child_id: other for a in proposal.allocations if a.family_id == moved.family_id}
    workspace.accept(proposal, family, {moved.family_id: "knows the family"})
    workspace.close()
    return path


def _tamper(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["workspace", "--db", str(path), "check"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_an_untouched_workspace_is_healthy(
    accepted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(accepted, capsys) == (0, f"{accepted}: healthy.\n")


def test_a_dropped_trigger_is_reported(accepted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tamper(accepted, "DROP TRIGGER audit_no_delete")
    status, output = _check(accepted, capsys)
    assert status == 1
    assert "audit_no_delete" in output and "missing" in output


def test_a_deleted_audit_row_is_reported_by_its_id(
    accepted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(accepted, "DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id = 7")
    status, output = _check(accepted, capsys)
    assert status == 1
    assert "audit row 7 is missing" in output


def test_deleting_the_rows_after_one_and_renumbering_is_reported(
    accepted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(
        accepted,
        "DROP TRIGGER audit_no_delete",
        "DROP TRIGGER audit_no_update",
        "DELETE FROM audit WHERE id = 5",
        "UPDATE audit SET id = id - 1 WHERE id > 5",
    )
    status, output = _check(accepted, capsys)
    assert status == 1
    assert "audit row 5 does not match its hash" in output


def test_an_edited_reason_is_reported_by_its_row(
    accepted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(accepted)
    row_id = connection.execute(
        "SELECT id FROM decisions WHERE manager_reason IS NOT NULL"
    ).fetchone()[0]
    connection.close()
    _tamper(
        accepted,
        "DROP TRIGGER decisions_no_update",
        f"UPDATE decisions SET manager_reason = 'agreed at panel' WHERE id = {row_id}",
    )
    status, output = _check(accepted, capsys)
    assert status == 1
    assert f"decisions row {row_id} does not match its hash" in output


def test_a_backup_keeps_the_chain(accepted: Path) -> None:
    backups = list_backups(accepted)
    assert backups
    restored = open_workspace(backups[-1], create=False)
    try:
        assert restored.check() == []
        assert len(restored.audit()) > 0
    finally:
        restored.close()


def test_check_on_a_missing_file_creates_nothing_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite"
    status, output = _check(missing, capsys)
    assert status != 0
    assert "does not exist" in output
    assert not missing.exists()
    assert "healthy" not in output
