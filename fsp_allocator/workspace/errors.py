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

    def __init__(self, family_id: str, worker_id: str | None = None) -> None:
        taken = f" (to {worker_id})" if worker_id else ""
        super().__init__(
            f"Another manager has just allocated family {family_id}{taken}, which this "
            "proposal also places. Nothing was saved from this accept. Propose again "
            "(`fsp-allocator workspace propose`, or Propose in the app) and review the rest."
        )
        self.family_id = family_id


class StaleProposal(AcceptConflict):
    """The pending proposal was made before these families changed; it must be made again."""

    def __init__(self, family_ids: Iterable[str]) -> None:
        self.family_ids: tuple[str, ...] = tuple(family_ids)
        listed = ", ".join(self.family_ids[:12]) + (
            f" and {len(self.family_ids) - 12} more" if len(self.family_ids) > 12 else ""
        )
        self.family_id = self.family_ids[0] if self.family_ids else ""
        WorkspaceError.__init__(
            self,
            f"The pending proposal is out of date: family {listed} changed after it was "
            "made (allocated by another manager, closed or edited). Nothing was saved. "
            "Propose again (`fsp-allocator workspace propose`, or `accept --repropose`) "
            "and review the new proposal.",
        )


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


class RebalanceConflict(WorkspaceError):
    """A child the pending rebalance moves changed after the plan was made; nothing was saved."""

    def __init__(self, child_id: str, family_id: str, what: str) -> None:
        super().__init__(
            f"The pending rebalance is out of date: child {child_id} (family {family_id}) "
            f"{what} after the plan was made. Nothing was accepted. Rebalance again "
            "(`fsp-allocator workspace rebalance`, or Rebalance in the app) and review it."
        )
        self.child_id = child_id
        self.family_id = family_id
