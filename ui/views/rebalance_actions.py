"""The Rebalance view's buttons and keyboard shortcuts, wired to the view's slots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.qt import QKeySequence, QPushButton, QShortcut, Qt

if TYPE_CHECKING:
    from ui.views.rebalance_view import RebalanceView


def make_buttons(view: RebalanceView) -> dict[str, QPushButton]:
    """The view's buttons by key, each with its tooltip and accessible name."""
    buttons: dict[str, QPushButton] = {}
    for key, text, tip, slot in (
        (
            "find",
            "Find the best re-homing",
            "Work out the frontier (Ctrl+Shift+R)",
            view.find_best,
        ),
        ("cancel", "Cancel", "Stop the search; keep the best plans so far (Esc)", view.cancel),
        (
            "keep",
            "Keep with current worker",
            "Undo the selected move: the family stays with its worker (Delete)",
            view.keep_selected,
        ),
        (
            "reoptimise",
            "Re-optimise the rest",
            "Run again keeping your changes (Ctrl+Shift+O)",
            view.find_best,
        ),
        (
            "pending",
            "Review the pending plan",
            "Open the rebalance kept by `fsp-allocator workspace rebalance` to accept it",
            view.review_pending,
        ),
        (
            "accept",
            "Accept…",
            "Record the plan shown in the workspace (Ctrl+Shift+Enter)",
            view.accept,
        ),
    ):
        button = QPushButton(text, view)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        buttons[key] = button
    buttons["find"].setDefault(True)
    return buttons


def add_shortcuts(view: RebalanceView) -> None:
    """Ctrl+Shift+R/O run, Esc cancels, Ctrl+Shift+Enter accepts, Delete keeps a move."""
    context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    for keys, slot in (
        ("Ctrl+Shift+R", view.find_best),
        ("Ctrl+Shift+O", view.find_best),
        ("Esc", view.cancel),
        ("Ctrl+Shift+Return", view.accept),
        ("Ctrl+Shift+Enter", view.accept),
    ):
        shortcut = QShortcut(QKeySequence(keys), view)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
    delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view.table)
    delete.setContext(Qt.ShortcutContext.WidgetShortcut)
    delete.activated.connect(view.keep_selected)


# --- state --------------------------------------------------------------------------
