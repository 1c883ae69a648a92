"""Errors a command reports to the manager in one clear line, with an exit status."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (a missing file, a busy workspace); no traceback shown."""

    def __init__(self, message: str, exit_status: int = 1) -> None:
        super().__init__(message)
        self.exit_status = exit_status
