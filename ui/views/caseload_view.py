"""The Caseload view: open children by worker, stage and factors; search, filter and sort."""

from __future__ import annotations

from typing import Any

from fsp_allocator.domain import Stage
from ui.models.caseload_model import CaseloadModel
from ui.qt import QComboBox, QLabel, QVBoxLayout, QWidget
from ui.session import WorkspaceSession
from ui.views.table_widgets import SearchBar, fit_columns, make_table


class CaseloadView(QWidget):
    """Shows `CaseloadModel` with a search box and worker and stage filters."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = CaseloadModel(self)
        self.table, self.proxy = make_table(self.model, "Caseload", self)
        self.search = SearchBar(self.proxy, "the caseload", self)
        self.worker = QComboBox(self)
        self.worker.setAccessibleName("Filter by worker")
        self.worker.setToolTip("Show one worker's children")
        self.stage = QComboBox(self)
        self.stage.setAccessibleName("Filter by stage")
        self.stage.setToolTip("Show one stage")
        self.stage.addItem("All stages", "")
        for stage in Stage:
            self.stage.addItem(stage.value, stage.value)
        self.search.extra.addWidget(QLabel("Worker:", self))
        self.search.extra.addWidget(self.worker)
        self.search.extra.addWidget(QLabel("Stage:", self))
        self.search.extra.addWidget(self.stage)
        self.count = QLabel("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.worker.currentIndexChanged.connect(self._apply_filters)
        self.stage.currentIndexChanged.connect(self._apply_filters)
        self.proxy.rowsInserted.connect(self._show_count)
        self.proxy.rowsRemoved.connect(self._show_count)
        self.proxy.modelReset.connect(self._show_count)
        self.proxy.layoutChanged.connect(self._show_count)
        session.data_changed.connect(self.refresh)
        self.refresh()
        fit_columns(self.table)

    def refresh(self) -> None:
        """Show the current open children; keep the chosen worker if still there."""
        chosen = self.worker.currentData()
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem("All workers", "")
        for w in self.session.data.workers:
            if w.role.leads:
                self.worker.addItem(f"{w.name} ({w.worker_id})", w.worker_id)
        self.worker.setCurrentIndex(max(0, self.worker.findData(chosen or "")))
        self.worker.blockSignals(False)
        self.model.set_data(self.session.data)
        self._apply_filters()

    def _apply_filters(self) -> None:
        worker, stage = self.worker.currentData() or "", self.stage.currentData() or ""

        def keep(row: Any) -> bool:
            return (not worker or row.child.worker_id == worker) and (
                not stage or row.child.stage.value == stage
            )

        self.proxy.set_predicate(keep if worker or stage else None)
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} open children")
