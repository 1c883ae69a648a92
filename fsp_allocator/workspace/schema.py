"""Versioned schema migrations (Alembic, driven from code; no alembic.ini at run time).

`upgrade_to_head` brings an empty or older workspace to this version's schema; a workspace
marked with a revision this version does not know (made by a newer FSP Allocator) is
refused with a clear message rather than touched.

Opening a workspace that is already at `HEAD_REVISION` (every open but the first after an
upgrade) reads the revision with plain SQL and never imports Alembic, which with its
dialect modules costs about a quarter of a second of the app's start-up. `HEAD_REVISION`
must name the newest file in `migrations/versions/`; a test compares it with Alembic's head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from fsp_allocator.workspace.errors import WorkspaceError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0004_rebalance_moves"
VERSION_TABLE = "alembic_version"


def alembic_config() -> Config:
    """Alembic's configuration, with the migrations inside this package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this version of FSP Allocator knows."""
    return HEAD_REVISION


def current_revision(connection: Connection) -> str | None:
    """The workspace's schema revision, or None for an empty database."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    revision = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return None if revision is None else str(revision)


def check_known(revision: str | None) -> None:
    """Refuse a workspace whose schema revision this version does not know."""
    if revision is None or revision == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        known = scripts.get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise WorkspaceError(
            "This workspace was saved by a newer version of FSP Allocator "
            f"(schema {revision}). Install the newer version to open it; nothing was changed."
        )


def upgrade_to_head(engine: Engine) -> None:
    """Create or migrate the schema to head inside one transaction."""
    with engine.begin() as connection:
        revision = current_revision(connection)
        if revision == HEAD_REVISION:
            return
        check_known(revision)
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
