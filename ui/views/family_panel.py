"""The review's side panel: the selected family's details, pin / exclude / re-optimise, and
every worker of its team ranked (who could take it, at what cost; who cannot, and the rule),
with Choose and "why not <worker>?". It only shows; the Allocate view acts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fsp_allocator.domain import FamilyId, WorkerId
from ui.models.alternatives_model import AlternativesModel, detail
from ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QPushButton,
    QShortcut,
    Qt,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.review import ProposalReview

if TYPE_CHECKING:
    from fsp_allocator.allocation.alternatives import Alternative

BUTTONS = (
    (
        "pin",
        "Pin to final worker",
        "The family must go to the worker chosen; then re-optimise the rest",
    ),
    (
        "exclude",
        "Exclude this worker",
        "The family must not go to the worker shown; then re-optimise",
    ),
    (
        "reoptimise",
        "Re-optimise the rest",
        "Run the engine again with the pins and exclusions saved",
    ),
    (
        "choose",
        "Choose",
        "Give the family to the worker selected in the list (Enter or double-click; Ctrl+Z undoes)",
    ),
    ("why_not", "Why not?", "Ask the engine why the family did not go to the selected worker"),
)


def family_summary(review: ProposalReview, family: FamilyId) -> str:
    """The family's children, the proposal, the manager's choice, the load change, the reasons."""
    row = review.row(family)
    names = {w.worker_id: w.name for w in review.data.workers}
    final = review.final[family]
    lines = [f"Family {family}: children {', '.join(row.child_ids)}, weight {row.weight:g}"]
    lines.append(f"Proposed: {names.get(row.proposed_worker_id or WorkerId(''), 'no one')}")
    if review.is_overridden(family):
        chosen = names.get(final or WorkerId(""), "leave unallocated")
        lines.append(f"Your choice: {chosen} (accept will ask for your reason)")
    if final is not None and review.pin(family) == final:
        lines.append(f"Pinned by you to {names.get(final, final)}: re-optimising keeps it.")
    lines += [f"Warning: {w}." for w in review.warnings.get(family, ())]
    if final is not None:
        before, after = review.load_change(final)
        lines.append(f"{names.get(final, final)}: load from {before:.0%} to {after:.0%}")
    if row.reasons:
        lines.append("Why the engine proposed this:")
        lines += [f"• {r}" for r in row.reasons]
    if row.unallocated_reason:
        lines.append(f"Unallocated: {row.unallocated_reason}")
    return "\n".join(lines)


class FamilyPanel(QWidget):
    """Details of one family and the buttons that act on it (`buttons[key]`).

    Signal `chosen_by_key()` when Enter is pressed in the ranked list (a double-click is the
    list's own `doubleClicked`).
    """

    chosen_by_key = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Selected family", self))
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName("Reasons for the selected family")
        layout.addWidget(self.detail, 2)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in BUTTONS:
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAccessibleName(text.rstrip("?"))
            self.buttons[key] = button
        row = QHBoxLayout()
        row.addWidget(self.buttons["pin"])
        row.addWidget(self.buttons["exclude"])
        layout.addLayout(row)
        layout.addWidget(self.buttons["reoptimise"])
        self.list_label = QLabel("Every worker for this family, best first", self)
        layout.addWidget(self.list_label)
        self.alternatives = AlternativesModel(self)
        self.workers = _list_view(self.alternatives, self)
        self.list_label.setBuddy(self.workers)
        layout.addWidget(self.workers, 3)
        for enter_key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(enter_key), self.workers)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.chosen_by_key.emit)
        self.choice_detail = QLabel("", self)
        self.choice_detail.setWordWrap(True)
        self.choice_detail.setAccessibleName("The selected worker's cost or rule")
        self.choice_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.choice_detail)
        self.workers.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.buttons["choose"], 1)
        choose_row.addWidget(self.buttons["why_not"])
        layout.addLayout(choose_row)
        self.why_answer = QLabel("", self)
        self.why_answer.setWordWrap(True)
        self.why_answer.setAccessibleName("Why not answer")
        self.why_answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.why_answer, 1)

    def show_family(self, review: ProposalReview | None, family: FamilyId | None) -> None:
        """Show one family's details (or nothing); its list follows (`show_alternatives`)."""
        if review is None or family is None:
            self.detail.setPlainText("")
            self.show_alternatives(())
            return
        self.detail.setPlainText(family_summary(review, family))

    def show_alternatives(self, ranked: tuple[Alternative, ...], waiting: bool = False) -> None:
        """Show the family's ranked workers, keeping the selected worker selected."""
        kept = self.selected_worker()
        self.alternatives.set_alternatives(ranked)
        possible = sum(a.possible for a in ranked)
        self.list_label.setText(
            "Ranking the workers for this family…"
            if waiting
            else f"Every worker for this family, best first: {possible} could take it, "
            f"{len(ranked) - possible} cannot"
            if ranked
            else "Every worker for this family, best first"
        )
        row = self.alternatives.row_of(kept) if kept else -1
        if row < 0 and ranked:
            row = 0
        if row >= 0:
            self.workers.setCurrentIndex(self.alternatives.index(row, 0))
        for column in range(self.alternatives.columnCount() - 1):
            self.workers.resizeColumnToContents(column)
        self._show_detail()

    def _show_detail(self) -> None:
        index = self.workers.currentIndex()
        rows = self.alternatives.rowCount()
        valid = index.isValid() and index.row() < rows
        self.choice_detail.setText(
            detail(self.alternatives.alternative(index.row())) if valid else ""
        )

    def selected_worker(self) -> WorkerId | None:
        """The worker of the list's current row, if any."""
        index = self.workers.currentIndex()
        if not index.isValid() or index.row() >= self.alternatives.rowCount():
            return None
        return self.alternatives.alternative(index.row()).worker_id


def _list_view(model: AlternativesModel, parent: QWidget) -> QTableView:
    """The ranked list: whole rows, never sorted (the order is the ranking), not editable."""
    view = QTableView(parent)
    view.setObjectName("Alternatives")
    view.setAccessibleName("Every worker for this family, best first")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view
