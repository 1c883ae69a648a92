"""The warning banner: someone holding families leaves soon, or someone is above capacity.

Shown above the Team view's roster while `rebalance_warning` has something to say; its
button asks for the Rebalance view with the leavers released (signal `rebalance_requested`).
"""

from __future__ import annotations

from fsp_allocator.domain import TeamData
from ui.qt import QHBoxLayout, QLabel, QPushButton, Qt, QWidget, Signal
from ui.rebalance_warning import rebalance_warning


class RebalanceBanner(QWidget):
    """An amber strip with the warning's sentence and a "Rebalance…" button."""

    rebalance_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RebalanceBanner")
        self.setStyleSheet("#RebalanceBanner { background: #FFEB9C; } QLabel { color: #7F4F00; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # paint the amber
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Rebalance warning")
        self.button = QPushButton("Rebalance…", self)
        self.button.setToolTip("Open the Rebalance view with these caseloads released")
        self.button.setAccessibleName("Rebalance")
        self.button.clicked.connect(lambda: self.rebalance_requested.emit(list(self._leavers)))
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._leavers: tuple[str, ...] = ()
        self.setVisible(False)

    def show_for(self, data: TeamData) -> None:
        """Show the warning for `data`, or hide when there is none."""
        warning = rebalance_warning(data)
        self._leavers = warning.leavers if warning else ()
        self.text.setText(warning.text if warning else "")
        self.setVisible(warning is not None)
