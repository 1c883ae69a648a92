"""The main window: ten views over one workspace, the main actions with shortcuts, undo/redo,
a message bar for problems, and the window layout remembered between sessions.
"""

from __future__ import annotations

from fsp_allocator.domain import WorkerId
from ui.dialogs import manager_name
from ui.qt import (
    QAction,
    QCloseEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSettings,
    QShowEvent,
    QSplitter,
    QTabWidget,
    QTimer,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from ui.service_state import ServiceState
from ui.session import WorkspaceSession
from ui.task_runner import TaskRunner, preload_engine
from ui.views.allocate_view import AllocateView
from ui.views.caseload_view import CaseloadView
from ui.views.history_view import HistoryView
from ui.views.planning_view import PlanningView
from ui.views.rebalance_view import RebalanceView
from ui.views.service_view import ServiceView
from ui.views.settings_view import SettingsView
from ui.views.table_widgets import search_before_table
from ui.views.team_view import TeamView
from ui.views.this_week_view import ThisWeekView
from ui.views.workload_view import WorkloadView

PRELOAD_DELAY_MS = 1500  # the window is drawn and idle before OR-Tools loads in the background
DEMO_BANNER = "Demo workspace — invented data, not real families"


class MainWindow(QMainWindow):
    """The app's window over a `WorkspaceSession`."""

    def __init__(self, session: WorkspaceSession) -> None:
        super().__init__()
        self.session = session
        self.runner = TaskRunner(self)
        self.last_error = ""
        self._preload_planned = False
        self.setObjectName("MainWindow")
        title = f"FSP Allocator — {session.workspace.location}"
        if session.workspace.is_demo:
            title += " — DEMO (invented data)"
        self.setWindowTitle(title)
        self.team_view = TeamView(session, self)
        self.caseload_view = CaseloadView(session, self)
        self.this_week_view = ThisWeekView(session, self)
        self.allocate_view = AllocateView(session, self.runner, self)
        self.workload_view = WorkloadView(session, self)
        self.rebalance_view = RebalanceView(session, self.runner, self)
        self.team_view.rehome_requested.connect(self.open_rebalance)
        self.history_view = HistoryView(session, self)
        self.settings_view = SettingsView(session, self)
        self.service_state = ServiceState(session, self)
        self.service_view = ServiceView(self.service_state, self)
        self.planning_view = PlanningView(self.service_state, self)
        self.service_view.open_team.connect(self.open_team)
        self.service_state.failed.connect(self.show_error)
        self.service_state.refresh()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Views")
        for view, name in self.views():
            self.tabs.addTab(view, name)
            view.setAccessibleName(name)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        if session.workspace.is_demo:
            banner = QLabel(DEMO_BANNER, central)
            banner.setObjectName("DemoBanner")
            banner.setAccessibleName("Demo workspace notice")
            banner.setStyleSheet(
                "background: #FFEB9C; color: #7F4F00; font-weight: bold; padding: 6px;"
            )
            layout.addWidget(banner)
        layout.addWidget(self._message_bar(central))
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        search_before_table(self)
        self._make_actions()
        session.error.connect(self.show_error)
        session.data_changed.connect(self.clear_error)
        session.data_changed.connect(self._follow_demo)
        session.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._show_workspace()
        self.resize(1280, 800)
        self._restore_layout()

    def views(self) -> list[tuple[QWidget, str]]:
        """The views in tab order (Ctrl+1 … Ctrl+9, then Ctrl+0)."""
        return [
            (self.team_view, "Team"),
            (self.caseload_view, "Caseload"),
            (self.this_week_view, "This week"),
            (self.allocate_view, "Allocate"),
            (self.workload_view, "Workload"),
            (self.history_view, "History"),
            (self.settings_view, "Settings"),
            (self.service_view, "Service"),
            (self.planning_view, "Planning"),
            (self.rebalance_view, "Rebalance"),
        ]

    def open_team(self, team: str) -> None:
        """Open one team from the Service view: its workload, on the Workload view."""
        combo = self.workload_view.team
        index = combo.findText(team)
        if index >= 0:
            combo.setCurrentIndex(index)
        self.tabs.setCurrentWidget(self.workload_view)

    def open_rebalance(self, workers: list[str]) -> None:
        """Open the Rebalance view with `workers`' caseloads ticked for release."""
        self.rebalance_view.release(WorkerId(w) for w in workers)
        self.tabs.setCurrentWidget(self.rebalance_view)
        self.rebalance_view.controls.moves.setFocus()

    def _message_bar(self, parent: QWidget) -> QWidget:
        bar = QWidget(parent)
        bar.setStyleSheet("background: #FFC7CE; color: #9C0006;")
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 2, 6, 2)
        self.message = QLabel("", bar)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Problem message")
        close = QToolButton(bar)
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(lambda: bar.setVisible(False))
        row.addWidget(self.message, 1)
        row.addWidget(close)
        bar.setVisible(False)
        self.message_bar = bar
        return bar

    def show_error(self, text: str) -> None:
        """Show a problem as a sentence in the message bar (never a modal box)."""
        self.last_error = text
        self.message.setText(text)
        self.message_bar.setVisible(True)

    def clear_error(self) -> None:
        """Hide the problem once a later change is saved, so an old refusal does not linger."""
        self.last_error = ""
        self.message.setText("")
        self.message_bar.setVisible(False)

    def _action(self, text: str, shortcut: QKeySequence | str, tip: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        stack = self.session.undo_stack
        allocate = self.allocate_view
        self.undo_action = stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.actions_by_name: dict[str, QAction] = {
            "allocate": self._action(
                "Allocate",
                "Ctrl+R",
                "Propose this week's allocation",
                lambda: self._on(3, allocate.allocate),
            ),
            "cancel": self._action(
                "Cancel", "Esc", "Stop the running allocation", self.runner.cancel
            ),
            "accept": self._action(
                "Accept",
                "Ctrl+Return",
                "Accept the allocation",
                lambda: self._on(3, allocate.accept),
            ),
            "export": self._action(
                "Export", "Ctrl+E", "Export the allocation sheet to Excel", allocate.export
            ),
            "import": self._action(
                "Import",
                "Ctrl+I",
                "Import a team workbook or CSV",
                lambda: self._on(2, self.this_week_view.import_file),
            ),
            "add_child": self._action(
                "Add child",
                "Ctrl+N",
                "Add a new child to allocate",
                lambda: self._on(2, self.this_week_view.add_child),
            ),
            "search": self._action(
                "Search", "Ctrl+F", "Search the current view", self.focus_search
            ),
            "manager": self._action(
                "Manager name…",
                "Ctrl+Shift+M",
                "Set the name recorded with your decisions",
                self.set_manager_name,
            ),
            "backups": self._action(
                "Backups…",
                "Ctrl+Shift+B",
                "See the workspace's backups and restore one",
                self.show_backups,
            ),
        }
        self.actions_by_name["accept"].setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        for number, (_view, name) in enumerate(self.views(), start=1):
            self._action(
                name,
                f"Ctrl+{number % 10}",
                f"Show {name}",
                lambda _=False, i=number - 1: self.tabs.setCurrentIndex(i),
            )
        toolbar = QToolBar("Main actions", self)
        toolbar.setObjectName("MainToolbar")
        toolbar.setAccessibleName("Main actions")
        for key in ("import", "add_child", "allocate", "cancel", "accept", "export"):
            toolbar.addAction(self.actions_by_name[key])
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.actions_by_name["manager"])
        toolbar.addAction(self.actions_by_name["backups"])
        self.addToolBar(toolbar)
        allocate.buttons_changed.connect(self._follow_allocate_buttons)
        self._follow_allocate_buttons()

    def _follow_allocate_buttons(self) -> None:
        """Allocate, Cancel, Accept and Export act only when their buttons can (so Esc and
        Ctrl+Enter do nothing unseen, and the toolbar does not offer what cannot be done)."""
        for key in ("allocate", "cancel", "accept", "export"):
            self.actions_by_name[key].setEnabled(self.allocate_view.buttons[key].isEnabled())

    def _on(self, tab: int, slot: object) -> None:
        self.tabs.setCurrentIndex(tab)
        assert callable(slot)
        slot()

    def set_manager_name(self) -> bool:
        """Ask for the manager's name and record it in the workspace."""
        workspace = self.session.workspace
        name = manager_name.ask_manager_name(self, workspace.user_name)
        if name is None:
            return False
        try:
            workspace.set_manager_name(name)
        except Exception as exc:  # the workspace's errors are sentences
            self.show_error(f"The name was not saved. {exc}")
            return False
        self._show_workspace()
        return True

    def _show_workspace(self) -> None:
        workspace = self.session.workspace
        self.statusBar().showMessage(
            f"Workspace: {workspace.location} — manager: {workspace.user_name}"
        )

    def focus_search(self) -> None:
        """Put the cursor in the current view's search box."""
        current = self.tabs.currentWidget()
        edits = current.findChildren(QLineEdit) if current else []
        for edit in edits:
            if edit.accessibleName().startswith("Search"):
                edit.setFocus()
                edit.selectAll()
                return

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        state = settings.value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        tab = settings.value("main_window/tab", 0)
        self.tabs.setCurrentIndex(int(str(tab)) if str(tab).isdigit() else 0)
        for key, splitter in self.splitters().items():
            saved = settings.value(key)
            if saved is not None:
                splitter.restoreState(saved)

    def splitters(self) -> dict[str, QSplitter]:
        """Each view's splitters by their QSettings key (view name and creation order)."""
        found: dict[str, QSplitter] = {}
        for view, name in self.views():
            for i, splitter in enumerate(view.findChildren(QSplitter)):
                found[f"main_window/splitter/{name}/{i}"] = splitter
        return found

    def save_layout(self) -> None:
        """Remember the window's size, position, toolbars, view and splitter positions."""
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        settings.setValue("main_window/tab", self.tabs.currentIndex())
        for key, splitter in self.splitters().items():
            # only a laid-out splitter with every pane open: a pane hidden for now (no import
            # problems) must not come back collapsed, a view never shown keeps its saved state
            if min(splitter.sizes(), default=0) > 0:
                settings.setValue(key, splitter.saveState())
        settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        """Once shown and idle, start loading the engine in the background."""
        super().showEvent(event)
        if not self._preload_planned:
            self._preload_planned = True
            QTimer.singleShot(PRELOAD_DELAY_MS, preload_engine)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop any running solve, remember the layout, then close."""
        self.runner.cancel()
        self.runner.wait(10000)
        self.service_state.runner.wait(10000)
        self.save_layout()
        super().closeEvent(event)

    def show_backups(self) -> bool:
        """The Backups dialog; restore the backup chosen there (True when restored)."""
        from fsp_allocator.workspace.backup import backups_dir, list_backups
        from fsp_allocator.workspace.restore import describe_backups
        from ui.dialogs.backups import BackupsDialog

        path = self.session.workspace.path
        if path is None:
            self.show_error(
                "A shared PostgreSQL workspace is backed up and restored by its database "
                "server; ask its administrator."
            )
            return False
        if self.runner.running:
            self.session.status.emit("Wait for the allocation to finish (or cancel it) first.")
            return False
        chosen = BackupsDialog.ask(self, describe_backups(list_backups(path)), backups_dir(path))
        if chosen is None:
            return False
        try:
            self.session.restore_backup(chosen)
        except Exception as exc:  # the workspace's errors are sentences
            self.show_error(f"Not restored. {exc}")
            return False
        self._show_workspace()
        return True

    def _follow_demo(self) -> None:
        """Once a real import replaces the demo, drop the demo banner and title mark."""
        banner = self.findChild(QLabel, "DemoBanner")
        if banner is None or not banner.isVisibleTo(self) or self.session.workspace.is_demo:
            return
        banner.setVisible(False)
        self.setWindowTitle(f"FSP Allocator — {self.session.workspace.location}")
