"""Asks the manager to confirm what accepting a rebalance will record (tests replace `ask`)."""

from __future__ import annotations

from ui.qt import QMessageBox, QWidget


def ask(parent: QWidget | None, text: str) -> bool:
    """True when the manager confirms recording the plan described in `text`."""
    box = QMessageBox(parent)
    box.setWindowTitle("Record this rebalance?")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText("Record the moves")
    return box.exec() == QMessageBox.StandardButton.Ok
