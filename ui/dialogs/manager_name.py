"""Asks for the manager's name, recorded with every decision and change they make."""

from __future__ import annotations

from ui.qt import QInputDialog, QLineEdit, QWidget


def ask_manager_name(parent: QWidget | None, current: str) -> str | None:
    """The name typed (trimmed), or None when cancelled or left blank (tests replace this)."""
    name, ok = QInputDialog.getText(
        parent,
        "Manager name",
        "Your name, as it should appear on each allocation decision and change:",
        QLineEdit.EchoMode.Normal,
        current,
    )
    return name.strip() or None if ok else None
