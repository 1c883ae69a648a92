"""The window's hold on the workspace: the loaded data, undoable edits and the proposal review.

Every view reads from here and every edit goes through here, so one reload refreshes all
views (signal `data_changed`) and every roster, case and settings edit is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from fsp_allocator.allocation.progress import CancelToken, ProgressCallback
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import (
    Child,
    ChildId,
    FamilyId,
    Settings,
    TeamData,
    Worker,
    WorkerId,
)
from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.workspace import AcceptResult, Workspace
from fsp_allocator.workspace.records import RebalanceAccepted
from ui.qt import QObject, QUndoStack, Signal
from ui.review import ProposalReview
from ui.undo_commands import SavedEdit


class WorkspaceSession(QObject):
    """One open workspace as the window sees it.

    Signals: `data_changed()` after any reload, `review_changed()` when the proposal or a
    final choice changes, `error(message)` for a sentence the window shows,
    `status(message)` for the status bar.
    """

    data_changed = Signal()
    review_changed = Signal()
    error = Signal(str)
    status = Signal(str)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)
        self.data: TeamData = workspace.load()
        self.review: ProposalReview | None = None
        self.last_accepted: AllocationProposal | None = None
        self._kept_unallocated: list[FamilyId] = []
        pending = workspace.pending_proposal()
        if pending is not None:  # with the changes the manager had made (kept in the workspace)
            self.review = ProposalReview(self.data, pending)
            kept = workspace.review_choices()
            self.review.set_workers(
                {FamilyId(f): None if w is None else WorkerId(w) for f, w in kept.items()}
            )

    def reload(self) -> None:
        """Read the workspace again and tell every view."""
        self.data = self.workspace.load()
        if self.review is not None:  # keep the manager's choices over the fresh data
            choices = self.review.final
            self.review = ProposalReview(self.data, self.review.proposal)
            self.review.set_workers(choices)
        self.data_changed.emit()
        self.review_changed.emit()

    # --- undoable edits -------------------------------------------------------------
    def save_worker(self, worker: Worker) -> bool:
        """Save a roster edit (insert or update) as one undo step; False if refused."""
        old = self.data.worker(worker.worker_id)
        user = self.workspace.user_name

        def undo() -> None:
            if old is None:
                self.workspace.remove_worker(worker.worker_id, user)
            else:
                self.workspace.save_worker(old, user)

        return self._edit(
            f"Edit worker {worker.worker_id}",
            lambda: self.workspace.save_worker(worker, user),
            undo,
        )

    def save_child(self, child: Child) -> bool:
        """Save a new or edited case as one undo step; False if refused."""
        old = next((c for c in self.data.children if c.child_id == child.child_id), None)
        user = self.workspace.user_name

        def undo() -> None:
            if old is None:
                self.workspace.remove_child(child.child_id, user)
            else:
                self.workspace.save_child(old, user)

        verb = "Add" if old is None else "Edit"
        return self._edit(
            f"{verb} child {child.child_id}", lambda: self.workspace.save_child(child, user), undo
        )

    def remove_child(self, child_id: ChildId) -> bool:
        """Remove a new (unallocated) child as one undo step; False if refused."""
        old = next((c for c in self.data.children if c.child_id == child_id), None)
        if old is None:
            return False
        user = self.workspace.user_name
        return self._edit(
            f"Remove child {child_id}",
            lambda: self.workspace.remove_child(child_id, user),
            lambda: self.workspace.save_child(old, user),
        )

    def save_settings(self, settings: Settings) -> bool:
        """Save changed settings as one undo step; False if refused."""
        old = self.data.settings
        user = self.workspace.user_name
        return self._edit(
            "Change settings",
            lambda: self.workspace.save_settings(settings, user),
            lambda: self.workspace.save_settings(old, user),
        )

    def _edit(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> bool:
        try:
            do()
        except Exception as exc:  # the core's errors are sentences a manager can read
            self.error.emit(f"{text}: not saved. {exc}")
            return False

        def redo_and_reload() -> None:
            do()
            self.reload()

        def undo_and_reload() -> None:
            undo()
            self.reload()

        self.undo_stack.push(SavedEdit(text, undo_and_reload, redo_and_reload, self.error.emit))
        self.reload()
        self.status.emit(f"{text}: saved.")
        return True

    # --- the proposal -----------------------------------------------------------------
    def choose(self, family_id: FamilyId, worker_id: WorkerId | None) -> bool:
        """The manager's final choice for a family, checked against the rules first.

        A choice that breaks a hard rule (may not lead, unavailable, excluded, ASYE and court,
        another team, a split family) is refused with the rule named and nothing changes; one
        over the court cap or the load ceiling is taken with a warning, as a pin is (rule 9).
        A choice taken is kept in the workspace at once and is one undo step (undo puts the
        worker it replaced back). False when refused.
        """
        review = self.review
        if review is None:
            return False
        was, was_warned = review.final[family_id], review.warnings.get(family_id, ())
        verdict = review.choose(family_id, worker_id)
        if not verdict.ok:
            self.error.emit(f"Not changed. {verdict.message()}")
            self.review_changed.emit()
            return False
        warned = review.warnings.get(family_id, ())
        self._keep_choices(review)
        if verdict.warnings:
            said = " ".join(f"{w}." for w in verdict.warnings)
            self.status.emit(f"Changed, with a warning: {said}")
        names = {w.worker_id: w.name for w in review.data.workers}
        text = f"Family {family_id} to {names.get(worker_id, 'no one') if worker_id else 'no one'}"
        self.undo_stack.push(
            SavedEdit(
                text,
                lambda: self._restore_choice(review.proposal, family_id, was, was_warned),
                lambda: self._restore_choice(review.proposal, family_id, worker_id, warned),
                self.error.emit,
            )
        )
        self.review_changed.emit()
        return True

    def _keep_choices(self, review: ProposalReview) -> None:
        """Keep the review's changed families in the workspace (a failure is said, not lost)."""
        changed: dict[str, str | None] = {f: review.final[f] for f in review.overridden()}
        try:
            self.workspace.save_review_choices(changed)
        except Exception as exc:  # a busy or unreachable workspace: say so, keep the choice
            self.error.emit(f"Your change is shown but not yet kept in the workspace. {exc}")

    def _restore_choice(
        self,
        proposal: AllocationProposal,
        family_id: FamilyId,
        worker_id: WorkerId | None,
        warnings: tuple[str, ...],
    ) -> None:
        """Undo or redo one choice: the worker it was checked with, and its warnings, back."""
        review = self.review
        if review is None or review.proposal is not proposal:
            raise RuntimeError("a new proposal has replaced the one it was made on")
        review.set_worker(family_id, worker_id)
        if warnings:
            review.warnings[family_id] = warnings
        self._keep_choices(review)
        self.review_changed.emit()

    def pin_choices(self) -> bool:
        """Before re-optimising: make each worker the manager chose a pin (saved on the family's
        children, one undo step), so the new proposal keeps it; choices to leave a family
        unallocated are kept as choices and applied to the new proposal. False if refused."""
        review = self.review
        if review is None:
            return True
        self._kept_unallocated = [f for f in review.overridden() if review.final[f] is None]
        chosen = {f: review.final[f] for f in review.overridden() if review.final[f] is not None}
        if not chosen:
            return True
        by_id = {c.child_id: c for c in self.data.children}
        self.undo_stack.beginMacro(f"Pin {len(chosen)} family(ies) to the workers you chose")
        try:
            for family_id, worker_id in chosen.items():
                for child_id in review.row(family_id).child_ids:
                    child = by_id.get(child_id)
                    if child is not None and child.pin_worker_id != worker_id:
                        pinned = replace(child, pin_worker_id=worker_id)
                        if not self.save_child(pinned):
                            return False
        finally:
            self.undo_stack.endMacro()
        return True

    def propose(
        self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
    ) -> AllocationProposal:
        """Propose the week for the data in hand (call `pin_choices` first). When a proposal is
        under review, its plan with the manager's choices is the search's warm start, so
        re-optimising after one change starts from it (same optimum, found sooner)."""
        return self.proposer()(progress, cancel)

    def proposer(
        self,
    ) -> Callable[[ProgressCallback | None, CancelToken | None], AllocationProposal]:
        """`propose` for the task runner: the data and the warm start are taken now, on the
        UI thread, so a choice the manager makes while it runs cannot be read half-made."""
        data = self.data
        warm = dict(self.review.final) if self.review is not None else None

        def run(
            progress: ProgressCallback | None, cancel: CancelToken | None
        ) -> AllocationProposal:
            from fsp_allocator.allocation.service import propose  # OR-Tools on first use

            return propose(data, None, progress, cancel, warm_start=warm)

        return run

    def set_proposal(self, proposal: AllocationProposal) -> None:
        """Store a fresh proposal in the workspace and start reviewing it, with the families
        the manager chose to leave unallocated still left so (see `pin_choices`)."""
        self.workspace.store_proposal(proposal)
        self.review = ProposalReview(self.data, proposal)
        kept: dict[FamilyId, WorkerId | None] = {
            f: None for f in self._kept_unallocated if f in self.review.final
        }
        self._kept_unallocated = []
        if kept:
            self.review.set_workers(kept)
            changed: dict[str, str | None] = {
                f: self.review.final[f] for f in self.review.overridden()
            }
            self.workspace.save_review_choices(changed)
        self.review_changed.emit()

    def accept(self, reasons: dict[FamilyId, str]) -> AcceptResult:
        """Accept the reviewed proposal with the manager's final choices and reasons.

        Raises the workspace's errors (e.g. `OverrideReasonRequired`) for the window to handle.
        """
        assert self.review is not None
        review = self.review
        result = self.workspace.accept(
            review.proposal, review.final_by_child(), reasons, self.workspace.user_name
        )
        self.last_accepted = review.final_proposal(reasons)
        self.review = None
        self.undo_stack.clear()  # edits before an accept cannot be undone past it
        self.reload()
        self.review_changed.emit()
        return result

    def accept_rebalance(
        self,
        result: RebalanceResult,
        reasons: Mapping[FamilyId, str],
        changes: Mapping[FamilyId, WorkerId | None],
        basis: Mapping[str, int] | None,
    ) -> RebalanceAccepted:
        """Record a rebalance plan with the manager's changes and reasons, then reload.

        The plan is kept pending first with `basis` (the child versions it was made from), so
        a child changed since then makes the accept fail. Raises the workspace's errors
        (sentences; nothing saved) for the view to show.
        """
        self.workspace.store_rebalance(result, basis)
        try:
            accepted = self.workspace.accept_rebalance(
                result, reasons=reasons, changes=changes, user=self.workspace.user_name
            )
        except Exception:
            self.workspace.clear_rebalance()  # a refused plan is not left pending for the CLI
            raise
        return self._after_rebalance(accepted)

    def accept_pending_rebalance(
        self,
        result: RebalanceResult,
        reasons: Mapping[FamilyId, str],
        changes: Mapping[FamilyId, WorkerId | None],
    ) -> RebalanceAccepted:
        """Record the rebalance kept pending by `fsp-allocator workspace rebalance` (`result`
        as read from the workspace), with the basis it was stored with: a child changed
        since makes it fail, and a refused plan stays pending for its owner."""
        accepted = self.workspace.accept_rebalance(
            result, reasons=reasons, changes=changes, user=self.workspace.user_name
        )
        return self._after_rebalance(accepted)

    def _after_rebalance(self, accepted: RebalanceAccepted) -> RebalanceAccepted:
        self.undo_stack.clear()  # edits before the accept cannot be undone past it
        if self.review is not None and self.workspace.pending_proposal() is None:
            self.review = None  # the workspace dropped the week's proposal: made on old loads
        self.reload()
        return accepted

    def can_export(self) -> bool:
        """Whether there is a sheet to export: the review, or an accepted week on record."""
        return self.review is not None or bool(self.workspace.accepted_weeks())

    def exportable(self) -> AllocationProposal | None:
        """The allocation to export: the review with its choices, else the last accepted week."""
        if self.review is not None:
            return self.review.final_proposal()
        weeks = self.workspace.accepted_weeks()
        return self.workspace.accepted_week(weeks[0]).proposal if weeks else None

    def export_allocation(self, path: Path, week: date | None = None) -> None:
        """Write the allocation sheet to `path`: the accepted `week` (titled as accepted, with
        who and when), else the review being made, else the last accepted week."""
        from fsp_allocator.result.excel_writer import Accepted, write_excel  # openpyxl: lazily

        if week is None and self.review is not None:
            write_excel(self.review.final_proposal(), path)
            return
        weeks = self.workspace.accepted_weeks()
        if week is None and not weeks:
            raise ValueError("There is no allocation to export yet: allocate first.")
        record = self.workspace.accepted_week(week or weeks[0])
        write_excel(record.proposal, path, Accepted(record.accepted_by, record.accepted_at))

    # --- backups ----------------------------------------------------------------------
    def restore_backup(self, backup: Path) -> Path:
        """Replace the workspace with `backup` (the state before is backed up first; returns
        that backup); the views then show the restored state. Edits before it cannot be undone
        past it. Raises the workspace's errors (sentences) for the window to show."""
        before = self.workspace.restore(backup, self.workspace.user_name)
        self.undo_stack.clear()
        self.last_accepted = None
        self.data = self.workspace.load()
        pending = self.workspace.pending_proposal()
        self.review = None if pending is None else ProposalReview(self.data, pending)
        if self.review is not None:
            kept = self.workspace.review_choices()
            self.review.set_workers(
                {FamilyId(f): None if w is None else WorkerId(w) for f, w in kept.items()}
            )
        self.data_changed.emit()
        self.review_changed.emit()
        self.status.emit(f"Restored from {backup.name}; the state before is in {before.name}.")
        return before
