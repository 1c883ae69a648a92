"""Versioned schema migrations (Alembic, driven from code; no alembic.ini at run time).

`upgrade_to_head` brings an empty or older workspace to this version's schema; a workspace
marked with a revision this version does not know (made by a newer FSP Allocator) is
refused with a clear message rather than touched.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine

from fsp_allocator.workspace.errors import WorkspaceError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """Alembic's configuration, with the migrations inside this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this version of FSP Allocator knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The workspace's schema revision, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def check_known(revision: str | None) -> None:
    """Refuse a workspace whose schema revision this version does not know."""
    if revision is None:
        return
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
        check_known(current_revision(connection))
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
