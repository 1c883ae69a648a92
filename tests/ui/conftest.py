"""UI test set-up: Qt headless, a temporary QSettings store and a temporary workspace file.

No test touches the user's real workspace or window settings.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.qt import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def temporary_qsettings(tmp_path: Path) -> Iterator[Path]:
    """Window layout is remembered in a per-test folder, never the user's."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("FSP Allocator tests")
    QCoreApplication.setApplicationName(f"ui-test-{tmp_path.name}")
    yield folder


@pytest.fixture
def workspace_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default workspace points at a fresh temporary SQLite file (a demo on first open)."""
    path = tmp_path / "workspace.sqlite"
    monkeypatch.setenv("FSP_ALLOCATOR_WORKSPACE", str(path))
    return path


@pytest.fixture(autouse=True)
def accept_confirmations(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Accept's confirmation (and the first accept's name question) answer yes and
    'Test Manager' unless a test says otherwise; each summary shown is kept here."""
    from ui.dialogs import accept_confirm, manager_name

    shown: list[list[str]] = []

    def confirm(parent: object, lines: list[str]) -> bool:
        shown.append(lines)
        return True

    monkeypatch.setattr(accept_confirm, "confirm_accept", confirm)
    monkeypatch.setattr(manager_name, "ask_manager_name", lambda parent, current: "Test Manager")
    return shown


@pytest.fixture(autouse=True)
def import_preview_answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The import preview is answered Cancel (nothing changes) unless a test says otherwise;
    the text of each preview shown is kept here."""
    from ui.dialogs.import_preview_dialog import ImportPreviewDialog

    shown: list[str] = []

    def answer(parent: object, name: str, preview: object, lines: object = ()) -> bool:
        shown.append("\n".join(preview.lines()))  # type: ignore[attr-defined]
        return False

    monkeypatch.setattr(ImportPreviewDialog, "confirm", answer)
    return shown
