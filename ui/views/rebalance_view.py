"""The Rebalance view: re-home released caseloads and relieve overload with the fewest moves.

The manager ticks whose caseloads to release and how many voluntary moves to allow; the
search runs on the task runner (progress, Cancel). The frontier chart shows the worst load for
0..N moves; the slider steps along it and the moves table shows that point's plan. A move can
be changed or undone (kept with its worker) and the rest re-optimised around it; Accept asks
a reason for each family changed and records the moves in the workspace.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from fsp_allocator.domain import FamilyId, WorkerId
from fsp_allocator.rebalance.result import RebalanceResult
from ui.dialogs import confirm_rebalance
from ui.dialogs.override_reason import OverrideReasonDialog
from ui.frontier import FrontierPoint, points, team_points
from ui.models.rebalance_models import TO_COLUMN, MovesModel, UnplacedModel, move_rows
from ui.qt import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.rebalance_plan import accept_plan, plan_summary
from ui.rebalance_task import Plans, PointReport, rebalance_task
from ui.rebalance_warning import leavers
from ui.session import WorkspaceSession
from ui.task_runner import TaskRunner
from ui.views.frontier_panel import FrontierPanel
from ui.views.rebalance_actions import add_shortcuts, make_buttons
from ui.views.rebalance_controls import RebalanceControls
from ui.views.table_widgets import fit_columns, make_table
from ui.views.worker_delegate import WorkerChoiceDelegate

TASK = "rebalance"
UNPLACED_TITLE = "Families nobody could take (they stay with their worker)"


class RebalanceView(QWidget):
    """Question, frontier chart and slider, the moves and the unplaced families."""

    def __init__(
        self, session: WorkspaceSession, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.runner = session, runner
        self.plans: Plans | None = None
        self.pending: RebalanceResult | None = None  # the command line's, opened to accept
        self.frontier: list[FrontierPoint] = []
        self.choices: dict[FamilyId, WorkerId | None] = {}
        self.basis: dict[str, int] | None = None  # child versions the shown run was made from
        self._running_basis: dict[str, int] | None = None
        self.controls = RebalanceControls(self)
        self.controls.run_requested.connect(self.find_best)
        self.moves_model = MovesModel(self.choose, self)
        self.table, self.proxy = make_table(self.moves_model, "Moves", self)
        self.table.setItemDelegateForColumn(TO_COLUMN, WorkerChoiceDelegate(self.table))
        self.table.setWordWrap(True)
        self.unplaced_model = UnplacedModel(self)
        self.unplaced, _ = make_table(self.unplaced_model, "Families nobody could take", self)
        self.unplaced.setWordWrap(True)
        self.frontier_panel = FrontierPanel(self)
        self.frontier_panel.point_changed.connect(self.show_point)
        self.chart = self.frontier_panel.chart
        self.slider = self.frontier_panel.slider
        self.point_label = self.frontier_panel.text
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Plan summary")
        self.buttons = make_buttons(self)
        self._layout()
        add_shortcuts(self)
        runner.started.connect(self._on_started)
        runner.progress.connect(self._on_progress)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        session.data_changed.connect(self.refresh_data)
        self.refresh_data()
        self._set_running(False)

    # --- building -----------------------------------------------------------------------
    def _layout(self) -> None:
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName("Rebalance progress")
        self.progress_bar.setMaximumWidth(160)
        self.progress_label = QLabel("", self)
        self.progress_label.setAccessibleName("Rebalance progress details")
        left = QVBoxLayout()
        left.addWidget(self.controls, 1)
        run_row = QHBoxLayout()
        run_row.addWidget(self.buttons["find"])
        run_row.addWidget(self.buttons["cancel"])
        left.addLayout(run_row)
        left.addWidget(self.buttons["pending"])
        left.addWidget(self.progress_bar)
        left.addWidget(self.progress_label)
        left_box = QWidget(self)
        left_box.setLayout(left)
        left_box.setMaximumWidth(380)
        top = QWidget(self)
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(left_box)
        top_row.addWidget(self.frontier_panel, 1)
        moves_box = QWidget(self)
        moves = QVBoxLayout(moves_box)
        moves.setContentsMargins(0, 0, 0, 0)
        action_row = QHBoxLayout()
        action_row.addWidget(self.summary, 1)
        for key in ("keep", "reoptimise", "accept"):
            action_row.addWidget(self.buttons[key])
        moves.addLayout(action_row)
        moves.addWidget(self.table, 1)
        self.unplaced_box = unplaced_box = QGroupBox(UNPLACED_TITLE, self)
        QVBoxLayout(unplaced_box).addWidget(self.unplaced)
        split = QSplitter(Qt.Orientation.Vertical, self)
        for part, stretch in ((top, 3), (moves_box, 4), (unplaced_box, 1)):
            split.addWidget(part)
            split.setStretchFactor(split.count() - 1, stretch)
        QVBoxLayout(self).addWidget(split)
        order: list[QWidget] = [
            self.controls.workers,
            self.controls.moves,
            self.buttons["find"],
            self.buttons["cancel"],
            self.buttons["pending"],
            self.slider,
            self.table,
            self.buttons["keep"],
            self.buttons["reoptimise"],
            self.buttons["accept"],
            self.unplaced,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def refresh_data(self) -> None:
        """The roster changed: list its workers again (ticks kept)."""
        self.controls.set_data(self.session.data, leavers(self.session.data))
        self.show_point(self.frontier_panel.moves())

    def release(self, workers: Iterable[WorkerId]) -> None:
        """Pre-fill the workers to release (from the Team view or the banner)."""
        self.controls.release(workers)

    def _set_running(self, running: bool) -> None:
        mine = running and self.runner.name == TASK
        has_run = self.plans is not None
        has_plan = has_run or self.pending is not None
        self.buttons["find"].setEnabled(not running)
        self.buttons["cancel"].setEnabled(mine)
        self.buttons["pending"].setEnabled(not running)
        self.buttons["reoptimise"].setEnabled(not running and has_run and bool(self.choices))
        self.buttons["accept"].setEnabled(not running and has_plan)
        self.buttons["keep"].setEnabled(not running and has_plan)
        self.slider.setEnabled(not running and has_run and bool(self.frontier_panel.points))
        self.progress_bar.setVisible(mine)

    def current(self) -> RebalanceResult | None:
        """The plan at the slider's point, if there is a run (else the pending one opened)."""
        if self.plans is None:
            return self.pending
        return self.plans.result(self.frontier_panel.moves())

    def show_point(self, moves: int) -> None:
        """Show the plan of `moves` voluntary moves: table, text and the chart's mark."""
        result = self.current()
        data = self.session.data
        self.moves_model.set_moves(move_rows(data, result, self.choices) if result else [])
        self.unplaced_model.set_result(data, result)
        unplaced = self.unplaced_model.rowCount()
        self.unplaced.setVisible(unplaced > 0)
        self.unplaced_box.setTitle(UNPLACED_TITLE if unplaced else f"{UNPLACED_TITLE}: none")
        self.unplaced_box.setMaximumHeight(16_777_215 if unplaced else 28)  # Qt's no-limit
        if result is None:
            self.summary.setText(self._start_text())
            return
        self.summary.setText(plan_summary(result, self.choices))
        fit_columns(self.table)
        self.table.resizeRowsToContents()
        self.unplaced.resizeRowsToContents()

    def _start_text(self) -> str:
        text = "Tick whose caseloads to re-home, then Find the best re-homing."
        try:
            pending = self.session.workspace.pending_rebalance()
        except Exception:  # an unreadable slot only loses the note
            pending = None
        self.buttons["pending"].setVisible(pending is not None)
        if pending is not None:
            text += (
                f" A rebalance kept by `fsp-allocator workspace rebalance` ({len(pending.moves)} "
                "child(ren) moving) is pending: Review the pending plan to accept it here, or "
                "find one here to replace it."
            )
        return text

    def review_pending(self) -> bool:
        """Show the command line's pending rebalance, to change moves and accept it here."""
        if self.runner.running:
            return False
        try:
            pending = self.session.workspace.pending_rebalance()
        except Exception as exc:  # the workspace's errors are sentences
            self.session.error.emit(f"The pending rebalance could not be read. {exc}")
            return False
        if pending is None:
            self.session.status.emit("No rebalance is pending.")
            return False
        self.plans, self.pending, self.choices, self.basis = None, pending, {}, None
        self.frontier = points(pending.frontier)
        self.frontier_panel.show_points(self.frontier, team_points(pending.frontier))
        self._set_running(False)
        self.show_point(self.frontier_panel.moves())
        self.session.status.emit(
            "The pending rebalance is shown as it was kept: change or undo a move, then "
            "Accept (Find the best re-homing replaces it)."
        )
        return True

    # --- running ------------------------------------------------------------------------
    def find_best(self) -> bool:
        """Work out the frontier in the background, keeping the manager's choices."""
        if self.runner.running:
            return False
        try:  # the data and the versions it was read at, for Accept to tell it out of date
            data, self._running_basis = self.session.workspace.load_for_rebalance()
        except Exception as exc:  # a busy or unreachable workspace: its errors are sentences
            self.session.error.emit(f"The rebalance could not start. {exc}")
            return False
        task = rebalance_task(
            data, self.controls.released(), self.controls.max_moves(), dict(self.choices)
        )
        return self.runner.start(TASK, task)

    def cancel(self) -> None:
        """Stop the search; the best plans found so far are shown."""
        if self.runner.running and self.runner.name == TASK:
            self.runner.cancel()

    def _on_started(self, name: str) -> None:
        if name == TASK:
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText("Finding the best re-homing…")
        self._set_running(True)

    def _on_progress(self, report: object) -> None:
        if self.runner.name == TASK and isinstance(report, PointReport):
            self.progress_bar.setRange(0, report.total)
            self.progress_bar.setValue(report.done)
            self.progress_label.setText(report.text())

    def _on_finished(self, result: object) -> None:
        if self.runner.name != TASK:
            self._set_running(False)
            return
        self.basis = self._running_basis
        chosen = self.show_plans(result)  # type: ignore[arg-type]
        self.progress_label.setText(
            f"Done in {chosen.solve_seconds:.1f} s" + (" (cancelled)" if chosen.cancelled else "")
        )
        kept = f", your {len(self.choices)} change(s) kept" if self.choices else ""
        self.session.status.emit(f"Best re-homing found{kept}: step along the frontier to compare.")

    def show_plans(self, plans: Plans) -> RebalanceResult:
        """Show a run: its frontier, the slider at the fewest moves for the best balance."""
        self.plans, self.pending = plans, None
        self.frontier = points(plans.frontier)
        self.frontier_panel.show_points(self.frontier, team_points(plans.frontier))
        self._set_running(self.runner.running)
        self.show_point(self.frontier_panel.moves())
        return plans.result()

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        if self.runner.name == TASK:
            self.progress_label.setText("")
            self.session.error.emit(message)

    # --- the manager's changes ------------------------------------------------------------
    def choose(self, family_id: FamilyId, worker_id: WorkerId | None) -> bool:
        """Keep the manager's worker for a family (None: it stays with its worker)."""
        result = self.current()
        if result is None:
            return False
        from fsp_allocator.rebalance.choices import check_rebalance_choices
        from fsp_allocator.rebalance.moving import released_set

        engine = next((m.to_worker_id for m in result.moves if m.family_id == family_id), None)
        wanted = dict(self.choices)
        if worker_id is not None and worker_id == engine:
            wanted.pop(family_id, None)
        else:
            wanted[family_id] = worker_id
        data = self.session.data
        released = released_set(data.workers, self.controls.released())
        check = check_rebalance_choices(data, wanted, released)
        if not check.ok:
            self.session.error.emit(f"Not changed. {check.message()}")
            return False
        self.choices = wanted
        self.session.status.emit(
            f"Family {family_id} changed by you. Re-optimise the rest (Ctrl+Shift+O) to "
            "rebalance around it."
        )
        self._set_running(self.runner.running)
        self.show_point(self.frontier_panel.moves())
        return True

    def keep_selected(self) -> bool:
        """Undo the selected move: its family stays with its current worker."""
        index = self.table.currentIndex()
        if not index.isValid():
            self.session.status.emit("Select a move first.")
            return False
        row = self.moves_model.rows[self.proxy.mapToSource(index).row()]
        return self.choose(row.move.family_id, None)

    def accept(self) -> bool:
        """Confirm, ask a reason for each family changed, and record the plan shown."""
        result = self.current()
        if result is None or self.runner.running:
            return False
        plan = accept_plan(self.session.data, result, self.choices)
        if not result.moves and not plan.changes:
            self.session.status.emit("There is nothing to record: this plan moves no one.")
            return False
        stale = (
            " This week's proposal under review was made on the old caseloads: it is dropped, "
            "so allocate again afterwards."
            if self.session.review is not None
            else ""
        )
        if not confirm_rebalance.ask(self, plan.confirm + stale):
            return False
        reasons: dict[FamilyId, str] = {}
        if plan.overrides:
            answer = OverrideReasonDialog.ask(self, plan.overrides)
            if answer is None:
                return False
            reasons = answer
        try:
            if self.plans is None:  # the command line's pending plan, with its own basis
                accepted = self.session.accept_pending_rebalance(result, reasons, plan.changes)
            else:
                accepted = self.session.accept_rebalance(result, reasons, plan.changes, self.basis)
        except Exception as exc:  # the workspace's errors are sentences; nothing was saved
            self.session.error.emit(f"The rebalance was not recorded. {exc}")
            return False
        self.plans, self.pending, self.frontier, self.choices = None, None, [], {}
        self.basis = None
        self.frontier_panel.show_points([])
        self._set_running(False)
        self.show_point(0)
        backup = f" Backup: {accepted.backup_path}." if accepted.backup_path else ""
        warnings = "".join(f" {w}" for w in accepted.warnings)
        self.session.status.emit(f"Recorded: {accepted.moved} child(ren) moved.{backup}{warnings}")
        return True
