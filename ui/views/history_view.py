"""The History view: past allocation decisions and the audit trail, each searchable, and
the sheet of any accepted week (titled as accepted, with who and when) exported from here."""

from __future__ import annotations

from datetime import date

from ui.dialogs import file_dialogs
from ui.formatting import day
from ui.models.history_models import AuditModel, DecisionsModel
from ui.qt import QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, Qt, QVBoxLayout, QWidget
from ui.session import WorkspaceSession
from ui.views.table_widgets import SearchBar, fit_columns, make_table


class HistoryView(QWidget):
    """Shows `DecisionsModel` above `AuditModel`; neither can be edited."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.decisions = DecisionsModel(self)
        self.audit = AuditModel(self)
        self.decision_table, self.decision_proxy = make_table(self.decisions, "Decisions", self)
        self.audit_table, self.audit_proxy = make_table(self.audit, "Audit trail", self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.searches: list[SearchBar] = []
        for title, table, proxy, what in (
            (
                "Allocation decisions: who, when, why",
                self.decision_table,
                self.decision_proxy,
                "decisions",
            ),
            (
                "Audit trail: every change, old → new (append-only)",
                self.audit_table,
                self.audit_proxy,
                "the audit trail",
            ),
        ):
            box = QWidget(splitter)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(QLabel(f"<b>{title}</b>", box))
            search = SearchBar(proxy, what, box)
            self.searches.append(search)
            layout.addWidget(search)
            layout.addWidget(table, 1)
            splitter.addWidget(box)
        self.week = QComboBox(self)
        self.week.setAccessibleName("Accepted week to export")
        self.export_button = QPushButton("Export the week's sheet…", self)
        self.export_button.setToolTip(
            "Save the allocation sheet of the accepted week chosen, as it was recorded"
        )
        self.export_button.clicked.connect(self.export_week)
        export_row = QHBoxLayout()
        export_row.addWidget(QLabel("Accepted week:", self))
        export_row.addWidget(self.week)
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(export_row)
        layout.addWidget(splitter)
        session.data_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the decisions and audit trail again from the workspace."""
        names = self.session.workspace.worker_names()  # leavers' names too
        self.decisions.set_decisions(self.session.workspace.decisions(), names)
        self.audit.set_entries(self.session.workspace.audit(), names)
        chosen = self.week.currentData()
        self.week.clear()
        for week in self.session.workspace.accepted_weeks():
            self.week.addItem(f"Week of {day(week)}", week)
        self.week.setCurrentIndex(max(0, self.week.findData(chosen)))
        self.export_button.setEnabled(self.week.count() > 0)
        fit_columns(self.decision_table)
        fit_columns(self.audit_table)

    def export_week(self) -> bool:
        """Save the chosen accepted week's allocation sheet through a save dialog."""
        week: date | None = self.week.currentData()
        if week is None:
            self.session.status.emit("No week has been accepted yet: nothing to export.")
            return False
        path = file_dialogs.ask_save_path(
            self, "Export the accepted week's sheet", f"allocation-{week}-accepted.xlsx"
        )
        if path is None:
            return False
        try:
            self.session.export_allocation(path, week)
        except OSError as exc:
            self.session.error.emit(f"The sheet could not be saved to {path}: {exc.strerror}.")
            return False
        self.session.status.emit(f"The accepted sheet of the week of {day(week)} saved to {path}.")
        return True
