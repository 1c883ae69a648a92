"""The Settings view: target caseload, caps, ratios, stage and factor weights, each explained."""

from __future__ import annotations

from fsp_allocator.settings import default_settings
from ui.models.settings_model import SettingsModel
from ui.qt import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from ui.session import WorkspaceSession
from ui.views.table_widgets import SearchBar, fit_columns, make_table


class SettingsView(QWidget):
    """Shows `SettingsModel`; values are edited in place; 'Restore defaults' is one undo step."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = SettingsModel(session.save_settings, self)
        self.model.edit_rejected.connect(session.error.emit)
        self.table, self.proxy = make_table(self.model, "Settings", self)
        self.table.setSortingEnabled(False)
        restore = QPushButton("Restore defaults", self)
        restore.setAccessibleName("Restore default settings")
        restore.setToolTip("Put every setting back to the shipped default (the week is kept)")
        restore.clicked.connect(self.restore_defaults)
        top = QHBoxLayout()
        hint = QLabel(
            "Double-click a value to change it. Changed values are shaded. Hover 'What it "
            "means' for the reason behind each default (from resources/weights.toml).",
            self,
        )
        hint.setWordWrap(True)
        top.addWidget(hint, 1)
        top.addWidget(restore)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(SearchBar(self.proxy, "settings", self))
        layout.addWidget(self.table, 1)
        session.data_changed.connect(self.refresh)
        self.refresh()
        fit_columns(self.table, limit=240)

    def refresh(self) -> None:
        """Show the workspace's current settings."""
        self.model.set_settings(self.session.data.settings)

    def restore_defaults(self) -> bool:
        """Save the shipped defaults (keeping the allocation week)."""
        current = self.session.data.settings
        defaults = default_settings(current.week)
        if defaults == current:
            self.session.status.emit("The settings are already the defaults.")
            return False
        return self.session.save_settings(defaults)
