"""Issue 15: the app shows what an import would change and applies it only on Apply; an
Annex A workbook is recognised, asks for the team, roster and families file, and never
brings a personal column into the workspace."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.demo import generate
from fsp_allocator.demo.annex_a import write_annex_a
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import open_default_workspace
from fsp_allocator.workspace.import_preview import ImportPreview
from ui.app import create_window
from ui.dialogs.annex_a_dialog import AnnexAChoice, AnnexADialog
from ui.dialogs.import_preview_dialog import ImportPreviewDialog
from ui.main_window import MainWindow

WEEK = date(2026, 11, 23)


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    yield main
    main.session.workspace.close()


class Answers:
    """Stands in for the preview dialog: records what it was shown, answers `apply`."""

    def __init__(self, apply: bool) -> None:
        self.apply = apply
        self.shown: list[tuple[ImportPreview, list[str]]] = []

    def __call__(
        self, parent: object, name: str, preview: ImportPreview, lines: object = ()
    ) -> bool:
        self.shown.append((preview, list(lines)))  # type: ignore[call-overload]
        return self.apply


def _team(tmp_path: Path) -> Path:
    path = tmp_path / "team.xlsx"
    write_team(generate(teams=1, seed=9, week=WEEK), path)
    return path


def test_cancel_in_the_preview_changes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.session.workspace.load()
    audit_before = len(window.session.workspace.audit())
    answers = Answers(apply=False)
    monkeypatch.setattr(ImportPreviewDialog, "confirm", answers)
    assert not window.this_week_view.import_path(_team(tmp_path))
    [(preview, _lines)] = answers.shown
    text = "\n".join(preview.lines())
    assert not preview.diff.is_empty and "Cases changed" in text
    assert window.session.workspace.load() == before
    assert len(window.session.workspace.audit()) == audit_before


def test_apply_imports_records_it_and_takes_a_backup(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workspace_file: Path
) -> None:
    from fsp_allocator.workspace.backup import list_backups

    backups = len(list_backups(workspace_file))
    monkeypatch.setattr(ImportPreviewDialog, "confirm", Answers(apply=True))
    team = _team(tmp_path)
    assert window.this_week_view.import_path(team)
    incoming = generate(teams=1, seed=9, week=WEEK)
    held = {c.child_id for c in window.session.workspace.load().new_children()}
    assert held == {c.child_id for c in incoming.new_children()}
    assert any(a.action == "import" for a in window.session.workspace.audit())
    assert len(list_backups(workspace_file)) == backups + 1


def test_the_dialog_lists_the_preview_and_asks_before_undoing_accepted_work(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = window.session.workspace
    data = workspace.load()
    accepted = {d.child_id for d in workspace.decisions() if d.worker_id is not None}
    open_now = [c for c in data.open_children() if c.child_id in accepted]
    assert open_now, "the demo workspace has accepted allocations"
    from dataclasses import replace

    undo = open_now[0]
    children = tuple(
        replace(c, worker_id=None) if c.child_id == undo.child_id else c for c in data.children
    )
    preview = workspace.preview_import(replace(data, children=children))
    assert preview.undone
    dialog = ImportPreviewDialog("team.xlsx", preview, ["Took 3 children"])
    qtbot.addWidget(dialog)
    assert "Took 3 children" in dialog.text.toPlainText()
    assert undo.child_id in dialog.text.toPlainText()
    assert dialog.undo_box is not None
    assert not dialog.apply_button.isEnabled()
    dialog.undo_box.setChecked(True)
    assert dialog.apply_button.isEnabled()


def test_an_annex_a_workbook_asks_for_the_team_and_imports_no_personal_data(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workspace_file: Path
) -> None:
    path = tmp_path / "annex.xlsx"
    roster, families, demo = write_annex_a(path, WEEK)
    asked: list[list[str]] = []

    def choose(parent: object, name: str, teams: list[str]) -> AnnexAChoice:
        asked.append(list(teams))
        return AnnexAChoice(demo.teams[0], roster, families)

    monkeypatch.setattr(AnnexADialog, "ask", choose)
    answers = Answers(apply=True)
    monkeypatch.setattr(ImportPreviewDialog, "confirm", answers)
    assert window.this_week_view.import_path(path), window.last_error
    assert sorted(asked[0]) == sorted(demo.teams)
    [(_preview, lines)] = answers.shown
    assert lines and lines[0].startswith("Took ")
    data = window.session.workspace.load()
    assert {w.team for w in data.workers} == {demo.teams[0]}
    assert data.children
    window.session.workspace.close()
    stored = workspace_file.read_bytes()
    leaked = [v for v in demo.personal_values if len(v) > 3 and v.encode() in stored]
    assert leaked == []


def test_the_annex_a_dialog_returns_the_choice(qtbot: QtBot) -> None:
    dialog = AnnexADialog("annex.xlsx", ["FSP Banbury", "FSP Bicester"])
    qtbot.addWidget(dialog)
    dialog.team.setCurrentIndex(1)
    dialog.families.setText("/tmp/families.csv")
    assert dialog.choice() == AnnexAChoice("FSP Bicester", None, Path("/tmp/families.csv"))
