"""Asks the manager's reason for each family where they changed the engine's proposal.

Accepting an override without a reason is refused by the workspace; this dialog collects one
non-blank reason per family. `OverrideReasonDialog.ask(...)` is what the window calls (tests
replace it).
"""

from __future__ import annotations

from collections.abc import Sequence

from fsp_allocator.domain import FamilyId
from ui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

# (family id, what the engine proposed, what the manager chose), names or "unallocated"
Override = tuple[FamilyId, str, str]
REASON_FIELD_WIDTH = 360


class OverrideReasonDialog(QDialog):
    """One reason field per overridden family; OK only when every reason is filled in."""

    def __init__(self, overrides: Sequence[Override], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Why did you change the proposal?")
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        intro = QLabel(
            "Your reason is recorded with the decision, so it can be defended later.", self
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.reasons: dict[FamilyId, QLineEdit] = {}
        for family_id, proposed, chosen in overrides:
            edit = QLineEdit(self)
            edit.setMinimumWidth(REASON_FIELD_WIDTH)  # a sentence, not a word
            edit.setPlaceholderText("e.g. knows the family from an earlier case")
            edit.setAccessibleName(f"Reason for family {family_id}")
            edit.setToolTip(f"Proposed: {proposed}; your choice: {chosen}")
            self.reasons[family_id] = edit
            form.addRow(f"Family {family_id}: {proposed} → {chosen}", edit)
        self.problem = QLabel("", self)
        self.problem.setStyleSheet("color: #9C0006")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[FamilyId, str]:
        """The reasons typed so far, trimmed."""
        return {family: edit.text().strip() for family, edit in self.reasons.items()}

    def accept(self) -> None:
        """Close only when every family has a reason."""
        blank = [family for family, text in self.values().items() if not text]
        if blank:
            self.problem.setText(f"Give a reason for family {', '.join(blank)}.")
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, overrides: Sequence[Override]
    ) -> dict[FamilyId, str] | None:
        """The reason per family, or None when the manager cancels."""
        dialog = cls(overrides, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()
