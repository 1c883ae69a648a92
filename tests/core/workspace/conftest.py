"""Workspace test fixtures: a SQLite workspace, and a real PostgreSQL started by pgserver.

`pg_url` starts one PostgreSQL server for the session (pgserver ships its own binaries;
run as root it drops to its own `pgserver` user itself); each test using it gets a fresh
database, so tests never see each other's rows.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import Workspace, open_workspace

_database_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_real_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default workspace of every test lives in its own temporary folder."""
    monkeypatch.setenv("FSP_ALLOCATOR_WORKSPACE", str(tmp_path / "default" / "workspace.sqlite"))


@pytest.fixture(scope="session")
def pg_server_uri() -> Iterator[str]:
    """The URI of a PostgreSQL server started for this test session (and stopped after)."""
    pgserver = pytest.importorskip("pgserver")
    folder = tempfile.mkdtemp(prefix="fsp-pg-")
    server = pgserver.get_server(folder, cleanup_mode="delete")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


@pytest.fixture
def pg_url(pg_server_uri: str) -> str:
    """A SQLAlchemy URL of a brand-new, empty database on the session's server."""
    import psycopg

    name = f"fsp_test_{next(_database_numbers)}"
    with psycopg.connect(pg_server_uri, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    base, _, query = pg_server_uri.partition("?")
    server = base.rsplit("/", 1)[0]
    url = f"{server}/{name}" + (f"?{query}" if query else "")
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def sqlite_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """An empty SQLite workspace in a temporary folder."""
    workspace = open_workspace(tmp_path / "ws" / "workspace.sqlite")
    yield workspace
    workspace.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def workspace_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh workspace target: a SQLite file path, or a PostgreSQL database URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ws" / "workspace.sqlite")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def workspace(workspace_target: str) -> Iterator[Workspace]:
    """An empty workspace, on SQLite and on PostgreSQL."""
    opened = open_workspace(workspace_target)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_team() -> TeamData:
    """The one-team demo data (seed 1)."""
    return generate(teams=1, seed=1)
