"""The This week view: the new children to allocate — add, edit, remove, or import a workbook.

An import is checked by the core's reader (an Ofsted Annex A workbook, recognised by its
`List 6` sheet, by the Annex A reader after asking for the team); every problem is listed
naming the sheet, the Excel row and the column, and nothing is imported while any error
remains. Then the preview says what the import would change, and only Apply changes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fsp_allocator.domain import Child, TeamData
from fsp_allocator.workbook.problems import Problem, Severity
from ui.dialogs import file_dialogs
from ui.dialogs.annex_a_dialog import AnnexADialog
from ui.dialogs.child_form import ChildFormDialog
from ui.dialogs.import_preview_dialog import ImportPreviewDialog
from ui.models.new_cases_model import NewCasesModel
from ui.models.problems_model import ProblemsModel
from ui.qt import (
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.session import WorkspaceSession
from ui.views.table_widgets import SearchBar, fit_columns, make_table


class ThisWeekView(QWidget):
    """Shows `NewCasesModel`, the case form's buttons and the last import's problems."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._warnings = 0
        self.model = NewCasesModel(self)
        self.table, self.proxy = make_table(self.model, "New children this week", self)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        # the keyboard's double-click (Enter) and the Delete its tooltip promises
        for key, slot in (
            (Qt.Key.Key_Return, self.edit_selected),
            (Qt.Key.Key_Enter, self.edit_selected),
            (Qt.Key.Key_Delete, self.remove_selected),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.search = SearchBar(self.proxy, "this week's children", self)
        buttons = QHBoxLayout()
        for text, tip, slot in (
            ("Add child…", "Add a new child to allocate (Ctrl+N)", self.add_child),
            ("Edit…", "Edit the selected child (Enter)", self.edit_selected),
            ("Remove", "Remove the selected new child (Delete)", self.remove_selected),
            ("Import workbook or CSV…", "Import a team workbook (Ctrl+I)", self.import_file),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.problems = ProblemsModel(self)
        self.problem_table, _ = make_table(self.problems, "Import problems", self)
        self.problem_label = QLabel("", self)
        self.problem_label.setWordWrap(True)
        problems_box = QWidget(self)
        box = QVBoxLayout(problems_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.problem_label)
        box.addWidget(self.problem_table)
        problems_box.setVisible(False)
        self.problems_box = problems_box
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(problems_box)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        session.data_changed.connect(self.refresh)
        self.refresh()
        fit_columns(self.table)

    def refresh(self) -> None:
        """Show the current new children."""
        self.model.set_data(self.session.data)

    def selected_child(self) -> Child | None:
        """The child of the current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.child_at(self.proxy.mapToSource(index).row())

    def add_child(self) -> bool:
        """Ask for a new child with the case form and save it (one undo step)."""
        child = ChildFormDialog.ask(self, self.session.data)
        return child is not None and self.session.save_child(child)

    def edit_selected(self) -> bool:
        """Edit the selected child with the case form."""
        current = self.selected_child()
        if current is None:
            self.session.status.emit("Select a child to edit.")
            return False
        child = ChildFormDialog.ask(self, self.session.data, current)
        return child is not None and child != current and self.session.save_child(child)

    def remove_selected(self) -> bool:
        """Remove the selected new child (undo brings it back)."""
        current = self.selected_child()
        if current is None:
            self.session.status.emit("Select a child to remove.")
            return False
        return self.session.remove_child(current.child_id)

    def import_file(self) -> bool:
        """Ask for a workbook or CSV and import it; problems are listed per cell."""
        path = file_dialogs.ask_open_path(self, "Import a team workbook or an Annex A workbook")
        return path is not None and self.import_path(path)

    def import_path(self, path: Path) -> bool:
        """Read `path` (a team workbook, CSV folder or Annex A workbook), show what importing
        it would change, and import it only when the manager confirms; list its problems and
        import nothing when it has errors."""
        from fsp_allocator.annex_a.importer import is_annex_a

        if is_annex_a(path):
            read = self._read_annex_a(path)
            if read is None:
                return False
            data, source_lines = read
        else:
            from fsp_allocator.workbook.reader import read_team

            result = read_team(path)
            if not self._show_problems(path, result.problems, result.ok, len(result.errors)):
                return False
            assert result.data is not None
            data, source_lines = result.data, []
        workspace = self.session.workspace
        try:
            preview = workspace.preview_import(data, workspace.user_name)
        except Exception as exc:  # the workspace's errors are sentences
            self.session.error.emit(f"{path.name} was not imported. {exc}")
            return False
        if not ImportPreviewDialog.confirm(self, path.name, preview, source_lines):
            self.session.status.emit(f"{path.name} was not imported: nothing changed.")
            return False
        try:
            applied = workspace.apply_import(
                data, workspace.user_name, undo_accepted=bool(preview.undone)
            )
        except Exception as exc:  # the workspace's errors are sentences
            self.session.error.emit(f"{path.name} was not imported. {exc}")
            return False
        warnings = self._warnings
        self.problem_label.setText(f"{path.name} imported with {warnings} warning(s).")
        self.session.undo_stack.clear()  # an import is recorded in the audit, not undoable
        self.session.reload()
        fit_columns(self.table)  # the imported cases' own widths, not the demo's
        backup = applied.backup_path
        self.session.status.emit(
            f"Imported {path.name}: {applied.preview.diff.summary()}"
            + (f" A backup was taken first: {backup.name}." if backup is not None else "")
        )
        return True

    def _show_problems(
        self, path: Path, problems: Sequence[Problem], ok: bool, errors: int
    ) -> bool:
        """List the file's problems; False (with the reason shown) when it has errors."""
        self.problems.set_problems(tuple(problems))
        self._warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
        self.problems_box.setVisible(bool(problems))
        if not ok:
            self.problem_label.setText(
                f"{path.name} was not imported: {errors} problem(s) to fix in the "
                "workbook, each named by sheet, row and column below."
            )
            return False
        return True

    def _read_annex_a(self, path: Path) -> tuple[TeamData, list[str]] | None:
        """Ask for the team (and roster, families file), then read that team from Annex A."""
        from fsp_allocator.annex_a.importer import read_annex_a

        found = read_annex_a(path)
        if not found.teams_found:
            self._show_problems(path, found.problems, False, max(1, len(found.errors)))
            return None
        choice = AnnexADialog.ask(self, path.name, sorted(found.teams_found, key=str.lower))
        if choice is None:
            self.session.status.emit(f"{path.name} was not imported: nothing changed.")
            return None
        week = self.session.data.settings.week
        result = read_annex_a(
            path, team=choice.team, roster=choice.roster, families=choice.families, week=week
        )
        if not self._show_problems(path, result.problems, result.ok, len(result.errors)):
            return None
        assert result.data is not None
        return result.data, (result.summary.lines() if result.summary is not None else [])
