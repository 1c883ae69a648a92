"""The History view: past allocation decisions and the audit trail, each searchable."""

from __future__ import annotations

from ui.models.history_models import AuditModel, DecisionsModel
from ui.qt import QLabel, QSplitter, Qt, QVBoxLayout, QWidget
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
            ("Allocation decisions: who, when, why", self.decision_table,
             self.decision_proxy, "decisions"),
            ("Audit trail: every change, old → new (append-only)", self.audit_table,
             self.audit_proxy, "the audit trail"),
        ):  # fmt: skip
            box = QWidget(splitter)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(QLabel(f"<b>{title}</b>", box))
            search = SearchBar(proxy, what, box)
            self.searches.append(search)
            layout.addWidget(search)
            layout.addWidget(table, 1)
            splitter.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        session.data_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the decisions and audit trail again from the workspace."""
        names: dict[str, str] = {w.worker_id: w.name for w in self.session.data.workers}
        self.decisions.set_decisions(self.session.workspace.decisions(), names)
        self.audit.set_entries(self.session.workspace.audit())
        fit_columns(self.decision_table)
        fit_columns(self.audit_table)
