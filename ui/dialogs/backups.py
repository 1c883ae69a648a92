"""The Backups dialog: the workspace's backups, newest first, with Restore (after a
confirmation) and Open folder. Keyboard: arrows choose, Enter or Alt+R restores, Alt+O opens
the folder, Esc closes. `confirm_restore` and `open_folder` are what it calls (tests replace
them)."""

from __future__ import annotations

from pathlib import Path

from fsp_allocator.workspace.restore import BackupFile
from ui.qt import (
    QAbstractItemView,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QMessageBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
)


def size_text(size_bytes: int) -> str:
    """'212 KB', '1.4 MB'."""
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size_bytes / 1024))} KB"


def confirm_restore(parent: QWidget | None, backup: BackupFile) -> bool:
    """Ask before restoring (No is the default)."""
    answer = QMessageBox.question(
        parent,
        "Restore this backup?",
        f"Replace the workspace with the backup taken {backup.taken_at:%d/%m/%Y at %H:%M:%S}?"
        "\n\nEverything recorded since then is set aside. The workspace as it is now is "
        "backed up first, so you can restore it again from this list.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_folder(folder: Path) -> bool:
    """Show the folder in the system's file manager."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


class BackupsDialog(QDialog):
    """Lists `backups`; `chosen` is the backup to restore once the dialog is accepted."""

    def __init__(
        self, backups: list[BackupFile], folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backups, self.folder = backups, folder
        self.chosen: BackupFile | None = None
        self.setWindowTitle("Backups")
        self.setAccessibleName("Backups of the workspace")
        self.setMinimumSize(560, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A backup is taken before every accept, import and restore; the newest 20 are "
            f"kept in {folder}.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(backups), 3, self)
        self.table.setAccessibleName("Backups, newest first")
        self.table.setHorizontalHeaderLabels(["Taken", "Size", "File"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        for row, backup in enumerate(backups):
            cells = (
                f"{backup.taken_at:%a %d/%m/%Y %H:%M:%S}",
                size_text(backup.size_bytes),
                backup.path.name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._restore_row(index.row()))
        layout.addWidget(self.table, 1)
        self.empty = QLabel("No backups yet: one is taken before the first accept.", self)
        self.empty.setVisible(not backups)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = buttons.addButton("&Restore…", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setEnabled(bool(backups))
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button = buttons.addButton("&Open folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setAccessibleName("Open the backups folder")
        self.open_button.clicked.connect(lambda: open_folder(self.folder))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if backups:
            self.table.selectRow(0)
        self.table.setFocus()

    def selected(self) -> BackupFile | None:
        """The backup of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _restore_row(self, row: int) -> bool:
        self.table.selectRow(row)
        return self.restore_selected()

    def restore_selected(self) -> bool:
        """Confirm, then close the dialog with the selected backup chosen."""
        backup = self.selected()
        if backup is None or not confirm_restore(self, backup):
            return False
        self.chosen = backup
        self.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on the list restores the selected backup (after the confirmation)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.restore_selected()
            return
        super().keyPressEvent(event)

    @classmethod
    def ask(cls, parent: QWidget | None, backups: list[BackupFile], folder: Path) -> Path | None:
        """The backup the manager chose to restore (confirmed), or None."""
        dialog = cls(backups, folder, parent)
        dialog.exec()
        return None if dialog.chosen is None else dialog.chosen.path
