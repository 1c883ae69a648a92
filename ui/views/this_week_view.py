"""The This week view: the new children to allocate — add, edit, remove, or import a workbook.

An import is checked by the core's reader; every problem is listed naming the sheet, the
Excel row and the column, and nothing is imported while any error remains.
"""

from __future__ import annotations

from pathlib import Path

from fsp_allocator.domain import Child, TeamData
from fsp_allocator.workspace import ImportDiff
from ui.dialogs import file_dialogs
from ui.dialogs.child_form import ChildFormDialog
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
        path = file_dialogs.ask_open_path(self, "Import a team workbook")
        return path is not None and self.import_path(path)

    def import_path(self, path: Path) -> bool:
        """Import `path` into the workspace, or list its problems and import nothing."""
        from fsp_allocator.workbook.reader import read_team

        result = read_team(path)
        self.problems.set_problems(result.problems)
        self.problems_box.setVisible(bool(result.problems))
        if not result.ok or result.data is None:
            self.problem_label.setText(
                f"{path.name} was not imported: {len(result.errors)} problem(s) to fix in the "
                "workbook, each named by sheet, row and column below."
            )
            return False
        try:
            diff = self._apply_import(result.data)
        except Exception as exc:  # the workspace's errors are sentences
            self.session.error.emit(f"{path.name} was not imported. {exc}")
            return False
        if diff is None:
            self.session.status.emit(f"{path.name} was not imported; nothing changed.")
            return False
        self.problem_label.setText(f"{path.name} imported with {len(result.warnings)} warning(s).")
        self.session.undo_stack.clear()  # an import is recorded in the audit, not undoable
        self.session.reload()
        fit_columns(self.table)  # the imported cases' own widths, not the demo's
        self.session.status.emit(f"Imported {path.name}: {diff.summary()}")
        return True

    def _apply_import(self, data: TeamData) -> ImportDiff | None:
        """Import with a backup first; an import that would undo accepted allocations names
        them and asks (None: the manager said no, nothing changed)."""
        from fsp_allocator.workspace.import_preview import ImportWouldUndo
        from ui.dialogs import import_undo

        workspace = self.session.workspace
        try:
            return workspace.apply_import(data, workspace.user_name).preview.diff
        except ImportWouldUndo as undo:
            if not import_undo.confirm_undo(self, str(undo)):
                return None
        return workspace.apply_import(data, workspace.user_name, undo_accepted=True).preview.diff
