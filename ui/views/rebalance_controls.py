"""The Rebalance view's question: whose caseloads to re-home and how many voluntary moves.

A checkable list of the lead workers who hold families (leavers and released workers first)
and the voluntary-moves spin box with what it means. Enter in the spin box asks the view to
run (signal `run_requested`).
"""

from __future__ import annotations

from collections.abc import Iterable

from fsp_allocator.domain import TeamData, WorkerId
from ui.qt import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

DEFAULT_MOVES = 5
MOST_MOVES = 20
MOVES_HELP = (
    "Besides the released caseloads, the plan may move up to this many other families per team "
    "to relieve overload. It never moves a family in PLO or court, a pinned family, or one "
    "held by two workers; 0 re-homes the released caseloads only."
)


class RebalanceControls(QGroupBox):
    """Release list and moves limit; `released()` and `max_moves()` read them."""

    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("What to re-home", parent)
        self.workers = QListWidget(self)
        self.workers.setAccessibleName("Workers to release")
        self.workers.setToolTip("Tick each worker whose whole caseload must be re-homed (Space)")
        self.moves = QSpinBox(self)
        self.moves.setRange(0, MOST_MOVES)
        self.moves.setValue(DEFAULT_MOVES)
        self.moves.setAccessibleName("Voluntary moves at most")
        self.moves.setToolTip(MOVES_HELP)
        self.moves.lineEdit().returnPressed.connect(self.run_requested.emit)
        help_text = QLabel(MOVES_HELP, self)
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #595959;")
        release_label = QLabel("&Release the caseloads of:", self)
        release_label.setBuddy(self.workers)
        form = QFormLayout()
        moves_label = QLabel("Voluntary &moves at most:", self)
        moves_label.setBuddy(self.moves)
        form.addRow(moves_label, self.moves)
        layout = QVBoxLayout(self)
        layout.addWidget(release_label)
        layout.addWidget(self.workers, 1)
        layout.addLayout(form)
        layout.addWidget(help_text)

    def set_data(self, data: TeamData, leaving: Iterable[WorkerId] = ()) -> None:
        """List the lead workers who hold open children, keeping the ticks already made."""
        ticked = set(self.released())
        going = set(leaving)
        holding: dict[WorkerId, int] = {}
        for child in data.open_children():
            if child.worker_id is not None:
                holding[child.worker_id] = holding.get(child.worker_id, 0) + 1
        workers = [w for w in data.workers if w.role.leads and w.worker_id in holding]
        workers.sort(key=lambda w: (w.worker_id not in going and not w.release, w.name))
        self.workers.clear()
        for worker in workers:
            note = []
            if worker.available_to is not None:
                verb = "left" if worker.available_to < data.settings.week else "leaves"
                note.append(f"{verb} {worker.available_to:%-d %b}")
            if worker.release:
                note.append("released in the workbook")
            extra = f", {', '.join(note)}" if note else ""
            item = QListWidgetItem(f"{worker.name}: {holding[worker.worker_id]} child(ren){extra}")
            item.setToolTip(f"{worker.worker_id}, {worker.role.value}")
            item.setData(Qt.ItemDataRole.UserRole, str(worker.worker_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = worker.worker_id in ticked or worker.release
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.workers.addItem(item)

    def release(self, workers: Iterable[WorkerId]) -> None:
        """Tick exactly `workers` (the Team view's choice)."""
        chosen = {str(w) for w in workers}
        for row in range(self.workers.count()):
            item = self.workers.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def released(self) -> tuple[WorkerId, ...]:
        """The ticked workers."""
        return tuple(
            WorkerId(self.workers.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.workers.count())
            if self.workers.item(row).checkState() == Qt.CheckState.Checked
        )

    def max_moves(self) -> int:
        """The voluntary-moves limit."""
        return int(self.moves.value())
