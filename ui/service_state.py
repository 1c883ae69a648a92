"""The service views' hold on the figures: the report and the accepted weeks, worked out on
their own task runner whenever the workspace changes, so the window never waits.

Signal `updated()` when fresh figures are in; `report` and `weeks` are then current.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui.qt import QObject, Signal
from ui.session import WorkspaceSession
from ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from fsp_allocator.service.figures import ServiceReport
    from fsp_allocator.workspace.service_history import WeekRecord


def service_figures(session_data: Any, workspace: Any) -> tuple[ServiceReport, list[WeekRecord]]:
    """The report of every team and the accepted weeks behind it (run in the background)."""
    from fsp_allocator.service.figures import service_report
    from fsp_allocator.service.rates import last_week_unallocated

    weeks = workspace.week_records()
    report = service_report(session_data, last_week_unallocated(weeks), source="workspace")
    return report, weeks


class ServiceState(QObject):
    """The latest service report and accepted weeks of the session's workspace."""

    updated = Signal()
    failed = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = TaskRunner(self)
        self.report: ServiceReport | None = None
        self.weeks: list[WeekRecord] = []
        self._stale = False
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        session.data_changed.connect(self.refresh)

    def refresh(self) -> None:
        """Work the figures out again (once more after the running task, if one is)."""
        if self.runner.running:
            self._stale = True
            return
        data, workspace = self.session.data, self.session.workspace
        self.runner.start("service", lambda _p, _c: service_figures(data, workspace))

    def _on_finished(self, result: object) -> None:
        assert isinstance(result, tuple)
        self.report, self.weeks = result
        self.updated.emit()
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_failed(self, message: str) -> None:
        self.failed.emit(f"The service figures could not be worked out. {message}")
        if self._stale:
            self._stale = False
            self.refresh()
