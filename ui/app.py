"""Start the desktop app: `fsp-allocator` with no command calls `run()`.

On first run the default workspace is created as a clearly marked demo, so a newcomer sees a
working team at once. A workspace that cannot open is explained in one sentence.
"""

from __future__ import annotations

import sys

from fsp_allocator.paths import APP_AUTHOR, APP_NAME
from fsp_allocator.workspace import (
    Workspace,
    WorkspaceError,
    demo_will_be_made,
    open_default_workspace,
    open_workspace,
)
from ui.main_window import MainWindow
from ui.qt import QApplication, QCoreApplication, QEvent, QMessageBox, QPixmap, QSplashScreen, Qt
from ui.session import WorkspaceSession


def application() -> QApplication:
    """The one QApplication (created on first call), named for QSettings."""
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance()
    if app is None:
        # Qt 6 scales for high DPI by itself; pass fractional factors (150%) through unrounded.
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def open_target(workspace: str | None) -> Workspace:
    """The workspace named on the command line, else the default (a demo on first run)."""
    return open_default_workspace() if workspace is None else open_workspace(workspace)


def create_window(workspace: Workspace) -> MainWindow:
    """A main window over an open workspace."""
    return MainWindow(WorkspaceSession(workspace))


def show_open_error(message: str) -> None:
    """Say why the workspace could not open: in a message box and on stderr (tests replace it)."""
    print(f"fsp-allocator: {message}", file=sys.stderr)
    QMessageBox.critical(None, APP_NAME, message)


SETTING_UP_DEMO = (
    "FSP Allocator\n\nSetting up a demo workspace for you to try:\n"
    "an invented team and four past weeks of allocations.\nThis takes a few seconds, once."
)


def first_run_notice(app: QApplication, text: str = SETTING_UP_DEMO) -> QSplashScreen:
    """A small window saying what the first run is doing while the demo is made."""
    pixmap = QPixmap(560, 160)
    pixmap.fill(Qt.GlobalColor.white)
    splash = QSplashScreen(pixmap)
    splash.setObjectName("FirstRunNotice")
    splash.showMessage(text, Qt.AlignmentFlag.AlignCenter, Qt.GlobalColor.black)
    splash.show()
    app.processEvents()
    return splash


SETTING_UP_SERVICE_DEMO = (
    "FSP Allocator\n\nSetting up the service demo: 17 invented teams\n"
    "and four past weeks of their allocations.\nThis takes a little while, once."
)


def run(workspace: str | None = None, *, demo_service: bool = False) -> int:
    """Open the window on `workspace` (None: the default; `demo_service`: the 17-team demo)
    and run until it closes."""
    from fsp_allocator.workspace.service_demo import open_service_demo, service_demo_will_be_made

    app = application()
    notice = None
    if demo_service and service_demo_will_be_made():
        notice = first_run_notice(app, SETTING_UP_SERVICE_DEMO)
    elif not demo_service and workspace is None and demo_will_be_made():
        notice = first_run_notice(app)
    try:
        opened = open_service_demo() if demo_service else open_target(workspace)
    except WorkspaceError as exc:
        if notice is not None:
            notice.close()
        show_open_error(f"The workspace could not be opened. {exc}")
        return 1
    try:
        window = create_window(opened)
        window.show()
        if notice is not None:
            notice.finish(window)
        return int(app.exec())
    finally:
        # Closing the last window queues a quit of its own beside the one that ended exec():
        # left queued, it would end the next event loop at once (a second run, a test's wait).
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        opened.close()
