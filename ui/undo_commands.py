"""Undoable edits: each saves through the workspace; undo saves the old value back.

The edit is saved before the command is pushed (so a refused save never enters the stack);
the first `redo()` that `QUndoStack.push` makes is therefore skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.qt import QUndoCommand

Action = Callable[[], None]


class SavedEdit(QUndoCommand):
    """An edit already saved: `undo_action` restores the old state, `redo_action` the new."""

    def __init__(
        self,
        text: str,
        undo_action: Action,
        redo_action: Action,
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self._undo, self._redo, self._on_error = undo_action, redo_action, on_error
        self._skip_first_redo = True

    def redo(self) -> None:
        """Save the new value again (skipped on push: it was saved already)."""
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        """Save the old value back."""
        self._run(self._undo)

    def _run(self, action: Action) -> None:
        try:
            action()
        except Exception as exc:  # shown as a sentence in the window, never a traceback
            self._on_error(f"{self.text()} could not be undone or redone: {exc}")
