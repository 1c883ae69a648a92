"""The Allocate view's switch for overflow between teams (service.md): the Settings key
`overflow`, saved in the workspace as one undoable, audited settings change.

Off by default: no family ever leaves its team. On: a family no one in its own team can
take may go to a worker of another team (same locality first); the proposal marks it.
Only offered when the workspace holds more than one team.
"""

from __future__ import annotations

from dataclasses import replace

from ui.qt import QCheckBox, QWidget
from ui.session import WorkspaceSession

TIP = (
    "Off: no family leaves its team. On: a family that no one in its own team can take "
    "may go to a worker of another team (same locality first). Saved as the setting "
    "'overflow'; Allocate again to use it."
)


class OverflowSwitch(QCheckBox):
    """Checked exactly when the workspace's settings have `overflow` on."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__("Overflow between teams", parent)
        self.session = session
        self.setToolTip(TIP)
        self.setAccessibleName("Overflow between teams")
        self.toggled.connect(self._changed)
        session.data_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the setting as it stands (without saving it again)."""
        data = self.session.data
        self.blockSignals(True)
        self.setChecked(data.settings.overflow)
        self.blockSignals(False)
        self.setEnabled(len(data.teams()) > 1 or data.settings.overflow)

    def _changed(self, on: bool) -> None:
        settings = self.session.data.settings
        if settings.overflow != on and not self.session.save_settings(
            replace(settings, overflow=on)
        ):
            self.refresh()  # refused: show the setting as it is
