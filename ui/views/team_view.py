"""The Team view: the roster, editable in place, with each worker's load against capacity.

"Re-home this caseload…" (a button, the table's context menu, Ctrl+Shift+H) and the warning
banner ask for the Rebalance view with that worker's caseload released (`rehome_requested`).
"""

from __future__ import annotations

from fsp_allocator.domain import WorkerId
from ui.models.roster_model import RosterModel
from ui.qt import (
    QAction,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMenu,
    QPoint,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import WorkspaceSession
from ui.views.rebalance_banner import RebalanceBanner
from ui.views.table_widgets import SearchBar, fit_columns, make_table

REHOME = "Re-home this caseload…"


class TeamView(QWidget):
    """Shows `RosterModel`; edits go through the session (one undo step each)."""

    rehome_requested = Signal(list)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = RosterModel(session.save_worker, self)
        self.model.edit_rejected.connect(session.error.emit)
        self.table, self.proxy = make_table(self.model, "Team roster", self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.search = SearchBar(self.proxy, "the roster", self)
        self.banner = RebalanceBanner(self)
        self.banner.rebalance_requested.connect(self.rehome_requested.emit)
        self.rehome_action = QAction(REHOME, self)
        self.rehome_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.rehome_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.rehome_action.setToolTip(
            "Open the Rebalance view with the selected worker's caseload released (Ctrl+Shift+H)"
        )
        self.rehome_action.triggered.connect(self.rehome_selected)
        self.addAction(self.rehome_action)
        self.rehome_button = QPushButton(REHOME, self)
        self.rehome_button.setToolTip(self.rehome_action.toolTip())
        self.rehome_button.setAccessibleName("Re-home this caseload")
        self.rehome_button.clicked.connect(self.rehome_selected)
        hint = QLabel(
            "Double-click a cell to change it (name, role, FTE, availability, accepting, caps, "
            "skills). Load is weighted load as a share of capacity; court is families in PLO "
            "or court against the cap.",
            self,
        )
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.rehome_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        session.data_changed.connect(self.refresh)
        self.refresh()
        fit_columns(self.table)

    def refresh(self) -> None:
        """Show the session's current roster and whether a rebalance is due."""
        self.model.set_data(self.session.data)
        self.banner.show_for(self.session.data)

    def selected_worker(self) -> WorkerId | None:
        """The worker of the current row, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return WorkerId(self.model.row_key(self.proxy.mapToSource(index).row()))

    def rehome_selected(self) -> bool:
        """Ask for the Rebalance view with the selected worker's caseload released."""
        worker = self.selected_worker()
        if worker is None:
            self.session.status.emit("Select the worker whose caseload to re-home.")
            return False
        self.rehome_requested.emit([worker])
        return True

    def context_menu(self, point: QPoint) -> QMenu | None:
        """The roster's right-click menu at `point` (the row under it made current)."""
        index = self.table.indexAt(point)
        if not index.isValid():
            return None
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.rehome_action)
        return menu

    def _context_menu(self, point: QPoint) -> None:
        menu = self.context_menu(point)
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(point))
