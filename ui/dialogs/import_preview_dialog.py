"""Before an import changes anything: what it would do, applied only when the manager confirms.

An import replaces the team: workers missing from the workbook leave the roster, cases
missing from it close. The dialog lists the core's preview (`ImportPreview.lines`), and any
lines of the source's own summary (an Annex A import says what it took and left). When the
import would undo accepted allocations, Apply stays disabled until the manager ticks that
they mean it. `ImportPreviewDialog.confirm(...)` is what the window calls (tests replace it).
"""

from __future__ import annotations

from collections.abc import Sequence

from fsp_allocator.workspace.import_preview import ImportPreview
from ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ImportPreviewDialog(QDialog):
    """The preview as text, Apply and Cancel (Cancel is the default: nothing changes)."""

    def __init__(
        self,
        name: str,
        preview: ImportPreview,
        source_lines: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {name}?")
        self.setAccessibleName(self.windowTitle())
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Importing {name} replaces the team in the workspace. Nothing has changed yet: "
            "this is what Apply would do. A backup is taken first, and the import is recorded "
            "in the history.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        lines = [*source_lines, *([""] if source_lines else []), *preview.lines()]
        self.text = QPlainTextEdit("\n".join(lines), self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("What the import would change")
        layout.addWidget(self.text, 1)
        self.undo_box: QCheckBox | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = QPushButton("Apply import", self)
        self.apply_button.setAccessibleName("Apply import")
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if preview.undone:
            count = len(preview.undone)
            self.undo_box = QCheckBox(
                f"Yes, turn {count} accepted allocation{'s' if count != 1 else ''} back into "
                "unallocated children (listed above)",
                self,
            )
            self.undo_box.toggled.connect(self.apply_button.setEnabled)
            self.apply_button.setEnabled(False)
            layout.addWidget(self.undo_box)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def confirm(
        cls,
        parent: QWidget | None,
        name: str,
        preview: ImportPreview,
        source_lines: Sequence[str] = (),
    ) -> bool:
        """True when the manager applies the import."""
        return cls(name, preview, source_lines, parent).exec() == QDialog.DialogCode.Accepted
