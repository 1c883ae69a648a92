"""Versioned schema: empty -> head, a head workspace reopens, a newer one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import WorkspaceError, open_workspace
from fsp_allocator.workspace.schema import head_revision
from fsp_allocator.workspace.tables import metadata


def test_an_empty_database_is_upgraded_to_head(workspace_target: str) -> None:
    workspace = open_workspace(workspace_target)
    workspace.close()
    url = workspace_target if "://" in workspace_target else f"sqlite:///{workspace_target}"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            tables = set(inspect(conn).get_table_names())
            columns = {
                name: {c["name"] for c in inspect(conn).get_columns(name)}
                for name in metadata.tables
            }
    finally:
        engine.dispose()
    assert version == head_revision()
    assert set(metadata.tables) <= tables
    for name, table in metadata.tables.items():
        assert columns[name] == {c.name for c in table.columns}, name


def test_a_workspace_at_head_reopens_with_its_data(
    workspace_target: str, demo_team: TeamData
) -> None:
    first = open_workspace(workspace_target)
    first.import_team(demo_team)
    first.close()
    again = open_workspace(workspace_target)
    try:
        assert again.load() == demo_team
        assert again.check() == []
    finally:
        again.close()


def test_a_workspace_from_a_newer_version_is_refused(workspace_target: str) -> None:
    open_workspace(workspace_target).close()
    url = workspace_target if "://" in workspace_target else f"sqlite:///{workspace_target}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(WorkspaceError, match="newer version of FSP Allocator"):
        open_workspace(workspace_target)


def test_a_missing_workspace_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="There is no workspace"):
        open_workspace(tmp_path / "none.sqlite", create=False)
    assert not (tmp_path / "none.sqlite").exists()


def test_an_unreachable_server_is_one_clear_sentence() -> None:
    with pytest.raises(WorkspaceError, match="cannot be reached"):
        open_workspace("postgresql+psycopg://nobody@127.0.0.1:1/none")


@pytest.mark.postgres
def test_a_url_setting_names_the_shared_default(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FSP_ALLOCATOR_WORKSPACE", pg_url)
    from fsp_allocator.workspace import open_default_workspace

    workspace = open_default_workspace()
    try:
        assert workspace.location.startswith("postgresql+psycopg://")
        assert not workspace.is_demo
        assert workspace.load().children == ()
    finally:
        workspace.close()


def test_head_revision_is_the_newest_migration() -> None:
    # Start-up skips Alembic when a workspace is at HEAD_REVISION, so the constant must
    # follow every new file in migrations/versions.
    from alembic.script import ScriptDirectory

    from fsp_allocator.workspace.schema import alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == head_revision()
