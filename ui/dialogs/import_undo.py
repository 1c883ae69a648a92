"""Asks before an import turns accepted allocations back into unallocated children.

`confirm_undo(...)` is what the This week view calls (tests replace it); No is the default.
"""

from __future__ import annotations

from ui.qt import QMessageBox, QWidget


def confirm_undo(parent: QWidget | None, message: str) -> bool:
    """True when the manager confirms the import although it undoes accepted allocations."""
    answer = QMessageBox.question(
        parent,
        "Undo accepted allocations?",
        message.replace(
            " Nothing was changed. If the workbook is right, import again and "
            "confirm (--yes on the command line).",
            "",
        )
        + "\n\nImport anyway? A backup is taken first.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
