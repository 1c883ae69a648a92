"""Where FSP Allocator's shipped resources and the user's workspace live."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "FSP Allocator"
APP_AUTHOR = "FSP Allocator"

# The repository's top-level resources/ folder when run from a checkout (the README's
# editable install); a wheel install puts the same files under <prefix>/share (pyproject's
# data-files), where they are found instead.
CHECKOUT_RESOURCES = Path(__file__).resolve().parent.parent / "resources"
INSTALLED_RESOURCES = Path(sys.prefix) / "share" / "fsp-allocator" / "resources"
RESOURCES_DIR = CHECKOUT_RESOURCES if CHECKOUT_RESOURCES.is_dir() else INSTALLED_RESOURCES


def resource_path(name: str) -> Path:
    """The path of a shipped resource file, e.g. `weights.toml` or `team_template.xlsx`."""
    return RESOURCES_DIR / name


def user_data_dir() -> Path:
    """The per-user data folder (platformdirs) that holds the default workspace."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_workspace_path() -> Path:
    """The embedded default workspace: one SQLite file in the user's data folder.

    `FSP_ALLOCATOR_WORKSPACE` overrides it (tests and a second workspace use this).
    """
    import os

    override = os.environ.get("FSP_ALLOCATOR_WORKSPACE")
    if override:
        return Path(override)
    return user_data_dir() / "workspace.sqlite"
