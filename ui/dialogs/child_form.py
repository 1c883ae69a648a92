"""The case form: add or edit one new child (ids, stage, factors, dates, pin, exclusions).

Fields are checked as the importer checks a workbook row; a problem is shown in the form as
a sentence and the form stays open. `ChildFormDialog.ask(...)` is what the window calls
(tests replace it).
"""

from __future__ import annotations

import itertools

from fsp_allocator.domain import Child, Stage, TeamData
from ui.edits import child_from_form
from ui.formatting import day, joined, number
from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

TEXT_FIELDS = (
    ("child_id", "Child id", "The case system's id; no names"),
    ("family_id", "Family id", "Siblings share one family id (and one worker)"),
    ("factors", "Factors", "CIN census codes separated by ; e.g. 3B; 4B"),
    ("referral_date", "Referral date", "DD/MM/YYYY or YYYY-MM-DD; older referrals go first"),
    ("complexity", "Complexity", "Optional: your own weight for this child (above 0)"),
    ("needs", "Needs", "Skills the family needs, separated by ;"),
    ("locality", "Locality", "Patch or locality of the family"),
    ("exclude_worker_ids", "Excluded workers", "Worker ids who must not hold this family"),
)


class ChildFormDialog(QDialog):
    """A form for one new child; `child()` is the checked result after OK."""

    def __init__(self, data: TeamData, child: Child | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit new child" if child else "Add a new child")
        self.setAccessibleName(self.windowTitle())
        self._data, self._base = data, child
        self._result: Child | None = None
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, tip in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setToolTip(tip)
            edit.setAccessibleName(label)
            edit.setPlaceholderText(tip)
            self.edits[key] = edit
            form.addRow(label, edit)
        self.stage = self._combo("Stage", [(s.value, s.value) for s in Stage])
        form.insertRow(2, "Stage", self.stage)
        self.team = self._combo("Team", [(t, t) for t in data.teams()])
        form.insertRow(3, "Team", self.team)
        workers = [("", "(none)")] + [
            (w.worker_id, f"{w.name} ({w.worker_id})") for w in data.workers if w.role.leads
        ]
        self.previous = self._combo("Known worker", workers)
        self.previous.setToolTip("A worker already known to the family (continuity)")
        form.addRow("Known worker", self.previous)
        self.pin = self._combo("Pinned to", workers)
        self.pin.setToolTip("Your decision: this family must go to this worker")
        form.addRow("Pinned to", self.pin)
        self.problem = QLabel("", self)
        self.problem.setStyleSheet("color: #9C0006")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with the form")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._tab_in_visual_order(form)
        if child is not None:
            self._fill(child)

    def _tab_in_visual_order(self, form: QFormLayout) -> None:
        """Tab follows the rows as shown (the combos were inserted among the text fields)."""
        fields = [
            form.itemAt(row, QFormLayout.ItemRole.FieldRole) for row in range(form.rowCount())
        ]
        widgets = [item.widget() for item in fields if item is not None and item.widget()]
        chain = [w for w in widgets if isinstance(w, (QLineEdit, QComboBox))]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for value, label in items:
            combo.addItem(label, value)
        return combo

    def _fill(self, child: Child) -> None:
        values = {
            "child_id": child.child_id,
            "family_id": child.family_id,
            "factors": joined(child.factors),
            "referral_date": day(child.referral_date),
            "complexity": number(child.complexity),
            "needs": joined(child.needs),
            "locality": child.locality or "",
            "exclude_worker_ids": joined(child.exclude_worker_ids),
        }
        for key, text in values.items():
            self.edits[key].setText(text)
        self.edits["child_id"].setReadOnly(True)
        self.stage.setCurrentIndex(max(0, self.stage.findData(child.stage.value)))
        self.team.setCurrentIndex(max(0, self.team.findData(child.team or "")))
        self.previous.setCurrentIndex(
            max(0, self.previous.findData(child.previous_worker_id or ""))
        )
        self.pin.setCurrentIndex(max(0, self.pin.findData(child.pin_worker_id or "")))

    def values(self) -> dict[str, object]:
        """The form's raw values, keyed as the Cases sheet's columns."""
        values: dict[str, object] = {k: e.text() for k, e in self.edits.items()}
        values.update(
            stage=self.stage.currentData(),
            team=self.team.currentData() or "",
            previous_worker_id=self.previous.currentData() or "",
            pin_worker_id=self.pin.currentData() or "",
        )
        return values

    def check(self) -> Child | None:
        """The child the form describes, or None with the problem shown in the form."""
        try:
            child = child_from_form(self.values(), self._base)
        except ValueError as exc:
            self.problem.setText(str(exc))
            return None
        taken = {c.child_id for c in self._data.children}
        if self._base is None and child.child_id in taken:
            self.problem.setText(f"Child id: {child.child_id} is already in the workspace.")
            return None
        known = {w.worker_id for w in self._data.workers}
        unknown = [w for w in child.exclude_worker_ids if w not in known]
        if unknown:
            self.problem.setText(f"Excluded workers: {', '.join(unknown)} names no worker.")
            return None
        self.problem.setText("")
        return child

    def accept(self) -> None:
        """Close only when the form is valid."""
        self._result = self.check()
        if self._result is not None:
            super().accept()

    def child(self) -> Child | None:
        """The checked child after OK, else None."""
        return self._result

    @classmethod
    def ask(
        cls, parent: QWidget | None, data: TeamData, child: Child | None = None
    ) -> Child | None:
        """Show the form; the new or edited child, or None when cancelled."""
        dialog = cls(data, child, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.child()
