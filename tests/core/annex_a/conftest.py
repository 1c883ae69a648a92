"""Annex A test fixtures: no test touches the user's real workspace; an invented export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fsp_allocator.demo.annex_a import AnnexADemo, write_annex_a

WEEK = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _no_real_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FSP_ALLOCATOR_WORKSPACE", str(tmp_path / "default" / "workspace.sqlite"))


@pytest.fixture(scope="session")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, AnnexADemo]:
    """The invented Annex A export (3 teams), its roster and families file, and the truth."""
    folder = tmp_path_factory.mktemp("annex")
    path = folder / "annex.xlsx"
    roster, families, demo = write_annex_a(path, WEEK)
    return path, roster, families, demo
