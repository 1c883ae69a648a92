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
from ui.frontier import FrontierPoint, point_text, points
from ui.models.rebalance_models import TO_COLUMN, MovesModel, UnplacedModel, move_rows
from ui.qt import (
    QGroupBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QProgressBar,
    QPushButton,
    QShortcut,
    QSlider,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.rebalance_task import Plans, PointReport, rebalance_task
from ui.rebalance_warning import leavers
from ui.session import WorkspaceSession
from ui.task_runner import TaskRunner
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
        from ui.views.frontier_chart import FrontierChart

        self.chart = FrontierChart(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Voluntary moves in the plan shown")
        self.slider.setToolTip("Step along the frontier: the plan with at most this many moves")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self.show_point)
        self.slider_value = QLabel("", self)
        self.point_label = QLabel(point_text([], 0), self)
        self.point_label.setWordWrap(True)
        self.point_label.setAccessibleName("What the chosen point gives")
        self.point_label.setStyleSheet("font-weight: bold;")
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Plan summary")
        self.buttons = self._buttons()
        self._layout()
        self._shortcuts()
        runner.started.connect(self._on_started)
        runner.progress.connect(self._on_progress)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        session.data_changed.connect(self.refresh_data)
        self.refresh_data()
        self._set_running(False)

    # --- building -----------------------------------------------------------------------
    def _buttons(self) -> dict[str, QPushButton]:
        buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            (
                "find",
                "Find the best re-homing",
                "Work out the frontier (Ctrl+Shift+R)",
                self.find_best,
            ),
            ("cancel", "Cancel", "Stop the search; keep the best plans so far (Esc)", self.cancel),
            (
                "keep",
                "Keep with current worker",
                "Undo the selected move: the family stays with its worker (Delete)",
                self.keep_selected,
            ),
            (
                "reoptimise",
                "Re-optimise the rest",
                "Run again keeping your changes (Ctrl+Shift+O)",
                self.find_best,
            ),
            (
                "accept",
                "Accept…",
                "Record the plan shown in the workspace (Ctrl+Shift+Enter)",
                self.accept,
            ),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            buttons[key] = button
        buttons["find"].setDefault(True)
        return buttons

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
        left.addWidget(self.progress_bar)
        left.addWidget(self.progress_label)
        left_box = QWidget(self)
        left_box.setLayout(left)
        left_box.setMaximumWidth(380)
        slider_row = QHBoxLayout()
        slider_label = QLabel("&Voluntary moves:", self)
        slider_label.setBuddy(self.slider)
        slider_row.addWidget(slider_label)
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.slider_value)
        right = QVBoxLayout()
        right.addWidget(self.chart, 1)
        right.addLayout(slider_row)
        right.addWidget(self.point_label)
        top = QWidget(self)
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(left_box)
        top_row.addLayout(right, 1)
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
            self.slider,
            self.table,
            self.buttons["keep"],
            self.buttons["reoptimise"],
            self.buttons["accept"],
            self.unplaced,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Shift+R", self.find_best),
            ("Ctrl+Shift+O", self.find_best),
            ("Esc", self.cancel),
            ("Ctrl+Shift+Return", self.accept),
            ("Ctrl+Shift+Enter", self.accept),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.keep_selected)

    # --- state --------------------------------------------------------------------------
    def refresh_data(self) -> None:
        """The roster changed: list its workers again (ticks kept)."""
        self.controls.set_data(self.session.data, leavers(self.session.data))
        self.show_point(self.slider.value())

    def release(self, workers: Iterable[WorkerId]) -> None:
        """Pre-fill the workers to release (from the Team view or the banner)."""
        self.controls.release(workers)

    def _set_running(self, running: bool) -> None:
        mine = running and self.runner.name == TASK
        has_plan = self.plans is not None
        self.buttons["find"].setEnabled(not running)
        self.buttons["cancel"].setEnabled(mine)
        self.buttons["reoptimise"].setEnabled(not running and has_plan and bool(self.choices))
        self.buttons["accept"].setEnabled(not running and has_plan)
        self.buttons["keep"].setEnabled(not running and has_plan)
        self.slider.setEnabled(not running and has_plan)
        self.progress_bar.setVisible(mine)

    def current(self) -> RebalanceResult | None:
        """The plan at the slider's point, if there is a run."""
        if self.plans is None:
            return None
        return self.plans.result(self.slider.value())

    def show_point(self, moves: int) -> None:
        """Show the plan of `moves` voluntary moves: table, text and the chart's mark."""
        result = self.current()
        data = self.session.data
        self.slider_value.setText(str(moves) if self.plans is not None else "")
        self.point_label.setText(point_text(self.frontier, moves))
        self.chart.mark(moves)
        self.moves_model.set_moves(move_rows(data, result, self.choices) if result else [])
        self.unplaced_model.set_result(data, result)
        unplaced = self.unplaced_model.rowCount()
        self.unplaced.setVisible(unplaced > 0)
        self.unplaced_box.setTitle(UNPLACED_TITLE if unplaced else f"{UNPLACED_TITLE}: none")
        self.unplaced_box.setMaximumHeight(16_777_215 if unplaced else 28)  # Qt's no-limit
        if result is None:
            self.summary.setText("Tick whose caseloads to re-home, then Find the best re-homing.")
            return
        forced = sum(1 for m in result.moves if m.forced)
        families = len({m.family_id for m in result.moves})
        kept = [f for f, w in self.choices.items() if w is None]
        parts = [
            f"{result.status}{' (cancelled: best so far)' if result.cancelled else ''}: "
            f"{len(result.moves)} child(ren) of {families} family(ies) move, {forced} forced; "
            f"{len(result.unplaced)} child(ren) nobody could take."
        ]
        if self.choices:
            parts.append(f"{len(self.choices)} family(ies) changed by you.")
        if kept:
            parts.append(f"Kept with their worker by you: {', '.join(kept)}.")
        parts += [f"Warning: {w}" for w in result.warnings]
        self.summary.setText(" ".join(parts))
        fit_columns(self.table)
        self.table.resizeRowsToContents()
        self.unplaced.resizeRowsToContents()

    # --- running ------------------------------------------------------------------------
    def find_best(self) -> bool:
        """Work out the frontier in the background, keeping the manager's choices."""
        if self.runner.running:
            return False
        data, self._running_basis = self.session.workspace.load_for_rebalance()
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
        self.plans = plans
        self.frontier = points(plans.frontier)
        self.chart.show_points(self.frontier)
        self.slider.blockSignals(True)
        self.slider.setRange(
            0, max((p.moves for p in self.frontier), default=0)
        )  # cancelled: fewer
        self.slider.setValue(_fewest_for_best(self.frontier))
        self.slider.blockSignals(False)
        self._set_running(self.runner.running)
        self.show_point(self.slider.value())
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
        self.show_point(self.slider.value())
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
        names = {w.worker_id: w.name for w in self.session.data.workers}
        engine = {m.family_id: m.to_worker_id for m in result.moves}
        named = set(engine) | {u.family_id for u in result.unplaced}
        changes = {f: w for f, w in self.choices.items() if f in named}  # kept: not in plan
        moving = {f for f in engine if changes.get(f, engine[f]) is not None}
        moving |= {f for f, w in changes.items() if w is not None}
        yours = f" ({len(changes)} changed by you)" if changes else ""
        text = (
            f"Record {len(moving)} family(ies) moving to a new worker{yours}? Each moved "
            "child's worker changes in the workspace, with a decision in the history."
        )
        if not confirm_rebalance.ask(self, text):
            return False
        reasons: dict[FamilyId, str] = {}
        if changes:
            overrides = [
                (
                    f,
                    names.get(engine.get(f) or WorkerId(""), "its worker"),
                    "kept with its worker" if w is None else names.get(w, w),
                )
                for f, w in changes.items()
            ]
            answer = OverrideReasonDialog.ask(self, overrides)
            if answer is None:
                return False
            reasons = answer
        try:
            accepted = self.session.accept_rebalance(result, reasons, changes, self.basis)
        except Exception as exc:  # the workspace's errors are sentences; nothing was saved
            self.session.error.emit(f"The rebalance was not recorded. {exc}")
            return False
        self.plans, self.frontier, self.choices, self.basis = None, [], {}, None
        self.chart.show_points([])
        self._set_running(False)
        self.show_point(0)
        backup = f" Backup: {accepted.backup_path}." if accepted.backup_path else ""
        warnings = "".join(f" {w}" for w in accepted.warnings)
        self.session.status.emit(f"Recorded: {accepted.moved} child(ren) moved.{backup}{warnings}")
        return True


def _fewest_for_best(frontier: list[FrontierPoint]) -> int:
    """The fewest moves that reach the best worst-load (no move that does not help)."""
    if not frontier:
        return 0
    best = min(p.max_load_ratio for p in frontier)
    return min(p.moves for p in frontier if p.max_load_ratio <= best + 1e-9)
