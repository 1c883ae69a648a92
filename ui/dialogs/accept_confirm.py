"""Before an accept is recorded: what will be recorded, under whose name, and that a backup is
taken first. `confirm_accept(...)` is what the window calls (tests replace it)."""

from __future__ import annotations

from collections.abc import Mapping

from fsp_allocator.domain import FamilyId
from ui.qt import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget
from ui.review import ProposalReview


def accept_summary(
    review: ProposalReview,
    reasons: Mapping[FamilyId, str],
    recorded_as: str,
    backup_first: bool,
) -> list[str]:
    """The sentences the confirmation shows, one per line."""
    names = {w.worker_id: w.name for w in review.data.workers}
    allocated = sum(1 for worker in review.final.values() if worker is not None)
    left = len(review.final) - allocated
    lines = [
        f"{allocated} family(ies) allocated, {left} left unallocated "
        f"(week of {review.proposal.week:%d/%m/%Y}).",
    ]
    changed = review.overridden()
    if changed:
        lines.append(f"{len(changed)} family(ies) you changed from the proposal:")
        for family in changed:
            worker = review.final[family]
            to = names.get(worker, worker) if worker is not None else "unallocated"
            lines.append(f"  • {family} → {to}: {reasons.get(family, '(no reason)')}")
    else:
        lines.append("You changed no family from the proposal.")
    lines.append(f"Recorded as decided by {recorded_as}, with today's date and time.")
    lines.append(
        "A backup of the workspace is taken first (Backups… can restore it)."
        if backup_first
        else "The shared database is backed up by its server."
    )
    return lines


class AcceptConfirmDialog(QDialog):
    """The summary and Accept / Cancel; Cancel is the default, so Enter never records."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Accept this allocation?")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.text = QLabel("\n".join(lines), self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("What will be recorded")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(self)
        self.record = buttons.addButton("&Record", QDialogButtonBox.ButtonRole.AcceptRole)
        self.record.setAccessibleName("Record the allocation")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def confirm_accept(parent: QWidget | None, lines: list[str]) -> bool:
    """True when the manager confirms the record (tests replace this)."""
    return AcceptConfirmDialog(lines, parent).exec() == QDialog.DialogCode.Accepted
