"""The Team view: the roster, editable in place, with each worker's load against capacity."""

from __future__ import annotations

from ui.models.roster_model import RosterModel
from ui.qt import QLabel, QVBoxLayout, QWidget
from ui.session import WorkspaceSession
from ui.views.table_widgets import SearchBar, fit_columns, make_table


class TeamView(QWidget):
    """Shows `RosterModel`; edits go through the session (one undo step each)."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = RosterModel(session.save_worker, self)
        self.model.edit_rejected.connect(session.error.emit)
        self.table, self.proxy = make_table(self.model, "Team roster", self)
        self.search = SearchBar(self.proxy, "the roster", self)
        hint = QLabel(
            "Double-click a cell to change it (name, role, FTE, availability, accepting, caps, "
            "skills). Load is weighted load as a share of capacity; court is families in PLO "
            "or court against the cap.",
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        session.data_changed.connect(self.refresh)
        self.refresh()
        fit_columns(self.table)

    def refresh(self) -> None:
        """Show the session's current roster."""
        self.model.set_data(self.session.data)
