"""The workspace's errors: each carries one clear sentence a team manager can act on."""

from __future__ import annotations

from collections.abc import Iterable


class WorkspaceError(Exception):
    """The workspace could not do what was asked; the message says why in plain words."""


class WorkspaceBusy(WorkspaceError):
    """Another window or process holds the SQLite write lock past the busy timeout."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "The workspace is busy: another FSP Allocator window is saving. "
            "Try again in a moment."
        )


class AcceptConflict(WorkspaceError):
    """Another manager allocated one of these families first; nothing of this accept was saved."""

    def __init__(self, family_id: str) -> None:
        super().__init__(
            f"Another manager has just allocated family {family_id}. "
            "Nothing was saved from this accept. Reload and review."
        )
        self.family_id = family_id


class OverrideReasonRequired(WorkspaceError):
    """The manager changed the proposal for these families without giving a reason."""

    def __init__(self, family_ids: Iterable[str]) -> None:
        self.family_ids: tuple[str, ...] = tuple(family_ids)
        listed = ", ".join(self.family_ids)
        super().__init__(
            "A reason is required for every family where the proposal was changed: "
            f"give one for {listed}."
        )


class ChoiceRefused(WorkspaceError):
    """The manager's choices break a hard rule or split a family; nothing was saved."""

    def __init__(self, refusals: Iterable[object]) -> None:
        self.refusals: tuple[object, ...] = tuple(refusals)
        listed = " ".join(f"{r}." for r in self.refusals)
        super().__init__(f"Not accepted, nothing was saved. {listed}")
