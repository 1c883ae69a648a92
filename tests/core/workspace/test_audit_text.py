"""History and audit in words (issue 16): names beside worker ids, readable field names,
never 'settings settings settings weight_factor_19C'."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fsp_allocator.cli.main import main
from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import open_workspace
from fsp_allocator.workspace.audit_text import described, setting_label
from fsp_allocator.workspace.records import AuditEntry

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _entry(
    action: str, entity: str, entity_id: str, field: str | None, old: str | None, new: str | None
) -> AuditEntry:
    return AuditEntry(1, AT, "Ann Lee", action, entity, entity_id, field, old, new)


def test_settings_rows_name_the_setting_and_whose_it_is() -> None:
    text = described(
        _entry("settings", "settings", "settings", "weight_factor_19C", "0.1", "0.3"), {}
    )
    assert text.line() == 'changed a setting of the service: "Factor 19C" 0.1 -> 0.3'
    team = described(
        _entry("settings", "settings", "FSP Banbury", "target_caseload", "15", "14"), {}
    )
    assert team.what == "a setting of FSP Banbury" and "settings" not in team.field
    assert setting_label("weight_CP") == "Child protection plan weight"
    assert setting_label("adult_capacity_MH") == "Adult mental health practitioner capacity"


def test_worker_ids_carry_their_names() -> None:
    names = {"T01-W03": "Sam Lee", "T01-W05": "Ann Cole"}
    accepted = described(
        _entry("accept", "allocation", "T01-C0077", "worker_id", None, "T01-W03"), names
    )
    assert accepted.line() == (
        "accepted the allocation of child T01-C0077: lead worker (none) -> Sam Lee (T01-W03)"
    )
    fte = described(_entry("update", "worker", "T01-W05", "fte", "1.0", "0.8"), names)
    assert fte.line() == "changed worker Ann Cole (T01-W05): FTE 1.0 -> 0.8"


def test_history_on_the_command_line_names_workers(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ws.sqlite"
    workspace = open_workspace(db)
    workspace.import_team(demo_team)
    settings = demo_team.settings
    from dataclasses import replace

    workspace.save_settings(replace(settings, target_caseload=settings.target_caseload - 1))
    workspace.close()
    capsys.readouterr()

    assert main(["workspace", "--db", str(db), "history", "--audit"]) == 0

    out = capsys.readouterr().out
    worker = demo_team.workers[0]
    assert f"{worker.name} ({worker.worker_id})" in out
    assert '"Target caseload"' in out
    assert "settings settings" not in out
