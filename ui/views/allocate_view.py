"""The Allocate view: run the engine, review its proposal family by family, accept, export.

The solve runs on the task runner (never the UI thread) with its progress shown and Cancel.
The manager may change a family's worker from the family panel's ranked list (Choose, Enter
or a double-click) or the "Final worker" drop-down (an override: accept asks for a reason;
Ctrl+Z undoes it), or pin / exclude a worker and re-optimise the rest. Pins and exclusions
are saved on the family's new children in the workspace (so they show in This week and can be
undone).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import FamilyId, WorkerId
from ui.dialogs import file_dialogs
from ui.dialogs.override_reason import OverrideReasonDialog
from ui.models.proposal_model import FINAL_COLUMN, ProposalModel
from ui.qt import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.ranking_task import RankedFor, ranking_task, ranks_inline
from ui.session import WorkspaceSession
from ui.task_runner import TaskRunner
from ui.views.family_panel import FamilyPanel
from ui.views.overflow_switch import OverflowSwitch
from ui.views.review_text import progress_text, warnings_text
from ui.views.table_widgets import SearchBar, fit_columns, leave_room_for_last, make_table
from ui.views.worker_delegate import WorkerChoiceDelegate

if TYPE_CHECKING:
    from fsp_allocator.allocation.why_not import WhyNot
    from ui.review import ProposalReview

PANEL_MIN_WIDTH = 380


class AllocateView(QWidget):
    """Runs `propose` through the runner and shows `ProposalModel` for review.

    Signal `buttons_changed()` when which of its actions can act changes (the window's
    toolbar and shortcuts follow the buttons).
    """

    buttons_changed = Signal()

    def __init__(
        self, session: WorkspaceSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.runner = session, runner
        self.model = ProposalModel(self.choose, self)
        self.table, self.proxy = make_table(self.model, "Proposal", self)
        self.table.setItemDelegateForColumn(FINAL_COLUMN, WorkerChoiceDelegate(self.table))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_family())
        self.buttons: dict[str, QPushButton] = {}
        self._shown_family: FamilyId | None = None  # whose "Why not?" answer is shown
        self._asked_family: FamilyId | None = None  # whom the engine is being asked about
        bar = QHBoxLayout()
        for key, text, tip, slot in (
            ("allocate", "Allocate", "Propose this week's allocation (Ctrl+R)", self.allocate),
            (
                "cancel",
                "Cancel",
                "Stop the search and keep the best plan so far (Esc)",
                self.runner.cancel,
            ),
            ("accept", "Accept…", "Accept the allocation as it stands (Ctrl+Enter)", self.accept),
            ("export", "Export to Excel…", "Save the allocation sheet (Ctrl+E)", self.export),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        self.overflow = OverflowSwitch(session, self)
        bar.addWidget(self.overflow)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName("Allocation progress")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(160)
        self.progress_label = QLabel("", self)
        self.progress_label.setAccessibleName("Allocation progress details")
        # a long progress line is cut, never widens the window past the screen
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.progress_bar)
        bar.addWidget(self.progress_label, 1)
        self.summary = QLabel("Press Allocate (Ctrl+R) to propose this week's allocation.", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Proposal summary")
        self.panel = side = FamilyPanel(self)
        side.setMinimumWidth(PANEL_MIN_WIDTH)  # the ranked list's four columns stay readable
        self.why_answer = side.why_answer
        side.workers.doubleClicked.connect(lambda *_: self.choose_alternative())
        side.chosen_by_key.connect(self.choose_alternative)
        for key, slot in (
            ("pin", self.pin_selected),
            ("exclude", self.exclude_selected),
            ("reoptimise", self.allocate),
            ("choose", self.choose_alternative),
            ("why_not", self.ask_why_not),
        ):
            side.buttons[key].clicked.connect(slot)
            self.buttons[key] = side.buttons[key]
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(SearchBar(self.proxy, "families", self))
        left_layout.addWidget(self.table, 1)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        self.shortfall = QLabel("", self)
        self.shortfall.setObjectName("Shortfall")
        self.shortfall.setAccessibleName("Shortfall: what does not fit this week")
        self.shortfall.setWordWrap(True)
        self.shortfall.setTextFormat(Qt.TextFormat.PlainText)
        self.shortfall.setStyleSheet("background: #FFF2CC; color: #7F4F00; padding: 4px;")
        self.shortfall.setVisible(False)
        layout.addWidget(self.shortfall)
        layout.addWidget(splitter, 1)
        runner.started.connect(self._on_started)
        runner.progress.connect(self._on_progress)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        session.review_changed.connect(self.refresh)
        self.refresh()
        self._set_running(False)

    # --- state ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the session's review (or the empty state)."""
        review = self.session.review
        self.model.set_review(review)
        if review is None:
            accepted = self.session.last_accepted is not None
            self.summary.setText(
                "Accepted. Export the allocation sheet (Ctrl+E), or allocate again next week."
                if accepted
                else "Press Allocate (Ctrl+R) to propose this week's allocation."
            )
        else:
            p = review.proposal
            overridden = len(review.overridden())
            pinned = sum(1 for r in review.rows if review.pin(r.family_id) is not None)
            warn = warnings_text(p.warnings)
            self.summary.setToolTip("\n".join(p.warnings))
            crossed = sum(1 for r in review.rows if r.overflow)
            if crossed:
                warn = f" {crossed} family(ies) overflowed to another team.{warn}"
            self.summary.setText(
                f"{p.status}{' (cancelled: best plan so far)' if p.cancelled else ''}: "
                f"{len(p.allocations)} child(ren) allocated, {len(p.unallocated)} unallocated; "
                f"{overridden} family(ies) changed by you, {pinned} pinned by you.{warn}"
            )
            fit_columns(self.table)
            leave_room_for_last(self.table)
        self._show_shortfall()
        self._set_running(self.runner.running)
        self._show_family()

    def _set_running(self, running: bool) -> None:
        has_review = self.session.review is not None
        self.buttons["allocate"].setEnabled(not running)
        self.buttons["reoptimise"].setEnabled(not running and has_review)
        self.buttons["cancel"].setEnabled(running and self.runner.name == "allocate")
        for key in ("accept", "pin", "exclude", "choose", "why_not"):
            self.buttons[key].setEnabled(not running and has_review)
        self.buttons["export"].setEnabled(not running and self.session.can_export())
        self.progress_bar.setRange(0, 0 if running else 1)
        self.progress_bar.setVisible(running)
        self.buttons_changed.emit()

    def selected_family(self) -> FamilyId | None:
        """The family of the current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return FamilyId(self.model.row_key(self.proxy.mapToSource(index).row()))

    def _show_family(self) -> None:
        review, family = self.session.review, self.selected_family()
        if family != self._shown_family:
            self.why_answer.setText("")  # an answer about another family must not linger
            self._shown_family = family
        self.panel.show_family(review, family)
        if review is None or family is None:
            return
        if ranks_inline(review, family):
            self.panel.show_alternatives(review.alternatives(family))
        else:
            self._rank_in_background(review, family)

    def _rank_in_background(self, review: ProposalReview, family: FamilyId) -> None:
        """Work out the family's list on the task runner (shown when it is done)."""
        self.panel.show_alternatives((), waiting=True)
        if self.runner.running:  # shown once the running task is done
            return
        self.runner.start("alternatives", ranking_task(review, family))

    # --- actions ----------------------------------------------------------------------
    def choose(self, family_id: FamilyId, worker_id: WorkerId | None) -> bool:
        """The manager's choice from the drop-down, checked by the session (False: refused)."""
        return self.session.choose(family_id, worker_id)

    def allocate(self) -> bool:
        """Start the engine on the current workspace data in the background; when a proposal is
        under review, its plan with the manager's choices is the warm start (the session's)."""
        if not self.session.data.new_children():
            self.session.status.emit("There are no new children to allocate this week.")
            return False
        if self.runner.running or not self.session.pin_choices():  # keep the manager's choices
            return False
        self.why_answer.setText("")
        return self.runner.start("allocate", self.session.proposer())

    def _on_started(self, name: str) -> None:
        if name == "alternatives":  # a moment's work: the panel says it is ranking
            return
        self.progress_label.setText("Working…" if name != "allocate" else "Allocating…")
        self._set_running(True)

    def _on_progress(self, report: object) -> None:
        if self.runner.name == "allocate":
            self.progress_label.setText(progress_text(report))  # type: ignore[arg-type]
            self.progress_label.setToolTip(self.progress_label.text())  # in full, if cut

    def _on_finished(self, result: object) -> None:
        self._set_running(False)
        if isinstance(result, AllocationProposal):
            self.progress_label.setText(
                f"Done in {result.solve_seconds:.1f} s"
                + (" (cancelled)" if result.cancelled else "")
            )
            self.session.set_proposal(result)
        elif self.runner.name == "why-not":
            self._show_why_not(result)  # type: ignore[arg-type]
        elif isinstance(result, RankedFor):
            result.adopt(self.session.review)  # dropped if the plan changed while it ran
        if self.session.review is not None and not self.runner.running:
            self._show_family()  # the list waiting for the runner, or the next family's

    def _show_why_not(self, result: WhyNot) -> None:
        self.progress_label.setText("")
        if self.selected_family() != self._asked_family:
            return  # the manager moved on to another family while the engine worked
        details = "\n".join(f"• {d}" for d in result.details)
        self.why_answer.setText(f"{result.summary}\n{details}".strip())

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.progress_label.setText("")
        self.session.error.emit(message)

    def choose_alternative(self) -> bool:
        """Give the selected family to the worker selected in its ranked list, checked by the
        session as any choice is (a hard rule refuses it, a cap warns); undoable."""
        review, family = self.session.review, self.selected_family()
        worker = self.panel.selected_worker()
        if review is None or family is None or worker is None:
            self.session.status.emit("Select a family and a worker in its list first.")
            return False
        if review.final[family] == worker:
            self.session.status.emit(f"Family {family} is already with {worker}.")
            return False
        return self.session.choose(family, worker)

    def ask_why_not(self) -> bool:
        """Ask the engine why the selected family did not go to the selected worker."""
        from fsp_allocator.allocation.why_not import why_not

        review, family = self.session.review, self.selected_family()
        worker = self.panel.selected_worker()
        if review is None or family is None or not worker:
            self.session.status.emit("Select a family and a worker to ask about.")
            return False
        data, proposal = review.data, review.proposal
        self._asked_family = family
        self.why_answer.setText(f"Asking the engine about {worker}…")
        return self.runner.start("why-not", lambda _p, _c: why_not(data, proposal, family, worker))

    def _mark_family(self, pin: bool) -> bool:
        review, family = self.session.review, self.selected_family()
        if review is None or family is None:
            self.session.status.emit("Select a family first.")
            return False
        worker = review.final[family]
        if worker is None:
            self.session.status.emit("Choose a worker for the family first.")
            return False
        for child_id in review.row(family).child_ids:
            child = next((c for c in self.session.data.children if c.child_id == child_id), None)
            if child is None:
                continue
            if pin:
                changed = replace(child, pin_worker_id=worker)
            else:
                keep = tuple(w for w in child.exclude_worker_ids if w != worker)
                pin_id = None if child.pin_worker_id == worker else child.pin_worker_id
                changed = replace(child, exclude_worker_ids=(*keep, worker), pin_worker_id=pin_id)
            if not self.session.save_child(changed):
                return False
        self.session.status.emit(
            f"Family {family} {'pinned to' if pin else 'excluded from'} {worker}. "
            "Re-optimise to rebalance the rest."
        )
        return True

    def pin_selected(self) -> bool:
        """Pin the selected family to its final worker (saved; re-optimise to apply)."""
        return self._mark_family(pin=True)

    def exclude_selected(self) -> bool:
        """Exclude the selected family's final worker (saved; re-optimise to apply)."""
        return self._mark_family(pin=False)

    def accept(self) -> bool:
        """Accept the review; ask a reason for each family changed from the proposal."""
        from fsp_allocator.workspace import OverrideReasonRequired

        review = self.session.review
        if review is None or self.runner.running:
            return False
        names = {w.worker_id: w.name for w in review.data.workers}
        overrides = [
            (
                f,
                names.get(review.row(f).proposed_worker_id or WorkerId(""), "unallocated"),
                names.get(review.final[f] or WorkerId(""), "unallocated"),
            )
            for f in review.overridden()
        ]
        reasons: dict[FamilyId, str] = {}
        if overrides:
            answer = OverrideReasonDialog.ask(self, overrides)
            if answer is None:
                return False
            reasons = answer
        if not self._confirm_accept(reasons):
            return False
        try:
            result = self.session.accept(reasons)
        except OverrideReasonRequired as exc:
            self.session.error.emit(str(exc))
            return False
        except Exception as exc:  # the workspace's errors (busy, conflict) are sentences
            self.session.error.emit(f"The allocation was not accepted. {exc}")
            return False
        self.session.status.emit(
            f"Accepted: {result.allocated} child(ren) allocated, "
            f"{result.left_unallocated} left unallocated."
        )
        return True

    def export(self) -> bool:
        """Save the allocation sheet through a save dialog."""
        proposal = self.session.exportable()
        if proposal is None:
            self.session.status.emit("Allocate first: there is nothing to export yet.")
            return False
        path = file_dialogs.ask_save_path(
            self, "Export the allocation sheet", f"allocation-{proposal.week}.xlsx"
        )
        if path is None:
            return False
        try:
            self.session.export_allocation(path)
        except OSError as exc:
            self.session.error.emit(f"The sheet could not be saved to {path}: {exc.strerror}.")
            return False
        self.session.status.emit(f"Allocation sheet saved to {path}.")
        return True

    def _confirm_accept(self, reasons: dict[FamilyId, str]) -> bool:
        """Ask the manager's name the first time, then show what will be recorded; True to
        record. Cancelling either records nothing."""
        from ui.dialogs import accept_confirm, manager_name

        workspace, review = self.session.workspace, self.session.review
        assert review is not None
        if workspace.manager_name is None:
            name = manager_name.ask_manager_name(self, "")
            if name is None:
                self.session.status.emit("Not accepted: your name is recorded with the decisions.")
                return False
            try:
                workspace.set_manager_name(name)
            except Exception as exc:  # the workspace's errors are sentences
                self.session.error.emit(f"The allocation was not accepted. {exc}")
                return False
        lines = accept_confirm.accept_summary(
            review, reasons, workspace.user_name, workspace.is_sqlite
        )
        if not accept_confirm.confirm_accept(self, lines):
            self.session.status.emit("Not accepted; nothing was recorded.")
            return False
        return True

    def _show_shortfall(self) -> None:
        """When capacity ran out: what does not fit, and the ways forward (core: shortfall)."""
        from fsp_allocator.allocation.shortfall import shortfall, shortfall_lines

        review = self.session.review
        found = shortfall(review.data, review.proposal) if review is not None else None
        self.shortfall.setText("\n".join(shortfall_lines(found)) if found is not None else "")
        self.shortfall.setVisible(found is not None)
