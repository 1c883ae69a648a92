"""Which team of an Annex A workbook to take, with an optional roster and families file.

Annex A lists every child of the council; the team is chosen from the teams found in it.
A roster matches the case system's worker names to staff ids and roles; a families file
(`child_id,family_id`) groups siblings, which Annex A does not. `AnnexADialog.ask(...)` is
what the window calls (tests replace it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ui.dialogs import file_dialogs
from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

ROSTER_FILTER = "Roster workbook or CSV (*.xlsx *.csv);;All files (*)"
FAMILIES_FILTER = "Families file (*.csv *.xlsx);;All files (*)"


@dataclass(frozen=True, slots=True)
class AnnexAChoice:
    """The team to take and the optional files the manager gave."""

    team: str
    roster: Path | None
    families: Path | None


class AnnexADialog(QDialog):
    """A team drop-down and two optional file fields with Browse buttons."""

    def __init__(self, name: str, teams: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import the Annex A workbook {name}")
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout(self)
        intro = QLabel(
            "This is an Ofsted Annex A workbook. Choose the team to take from it. Children's "
            "names and other personal columns are never read.",
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.team = QComboBox(self)
        self.team.addItems(list(teams))
        self.team.setAccessibleName("Team")
        team_label = QLabel("&Team:", self)
        team_label.setBuddy(self.team)
        form.addRow(team_label, self.team)
        self.roster = self._file_row(form, "&Roster (optional):", "Roster", ROSTER_FILTER)
        self.families = self._file_row(
            form, "&Families file (optional):", "Families file", FAMILIES_FILTER
        )
        hint = QLabel(
            "Without a roster, workers are made from the Allocated Worker names as social "
            "workers at FTE 1; without a families file, each child is its own family, so "
            "siblings cannot be kept together.",
            self,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _file_row(self, form: QFormLayout, label: str, name: str, filter_: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        browse = QPushButton("Browse…", self)
        browse.setAccessibleName(f"Browse for the {name.lower()}")

        def choose() -> None:
            path = file_dialogs.ask_open_path(self, f"Choose the {name.lower()}", filter_)
            if path is not None:
                edit.setText(str(path))

        browse.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        caption = QLabel(label, self)
        caption.setBuddy(edit)  # Alt+the underlined letter goes to the field
        form.addRow(caption, row)
        return edit

    def choice(self) -> AnnexAChoice:
        """What the manager chose (blank file fields: None)."""
        roster, families = self.roster.text().strip(), self.families.text().strip()
        return AnnexAChoice(
            self.team.currentText(),
            Path(roster) if roster else None,
            Path(families) if families else None,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, teams: Sequence[str]) -> AnnexAChoice | None:
        """The manager's choice, or None when they cancel."""
        dialog = cls(name, teams, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
