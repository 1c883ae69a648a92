"""The review's side panel: the selected family's details, pin / exclude / re-optimise, and
"why not <worker>?" with the engine's answer. It only shows; the Allocate view acts.
"""

from __future__ import annotations

from fsp_allocator.domain import FamilyId, WorkerId
from ui.qt import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from ui.review import ProposalReview

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
    ("why_not", "Why not?", "Ask the engine why the family did not go to the chosen worker"),
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
    """Details of one family and the buttons that act on it (`buttons[key]`)."""

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
        self.why_worker = QComboBox(self)
        self.why_worker.setAccessibleName("Worker to ask about")
        self.why_worker.setToolTip("Ask the engine why the family did not go to this worker")
        why_row = QHBoxLayout()
        why_row.addWidget(self.why_worker, 1)
        why_row.addWidget(self.buttons["why_not"])
        layout.addLayout(why_row)
        self.why_answer = QLabel("", self)
        self.why_answer.setWordWrap(True)
        self.why_answer.setAccessibleName("Why not answer")
        self.why_answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.why_answer, 1)

    def show_family(self, review: ProposalReview | None, family: FamilyId | None) -> None:
        """Show one family (or nothing) and list the other workers to ask about."""
        self.why_worker.clear()
        if review is None or family is None:
            self.detail.setPlainText("")
            return
        self.detail.setPlainText(family_summary(review, family))
        for worker in review.candidates(family):
            if worker.worker_id != review.final[family]:
                self.why_worker.addItem(f"{worker.name} ({worker.worker_id})", worker.worker_id)
