"""Desktop app benchmark: opening the window on the demo workspace, and sorting and filtering a
3,000-row caseload. Prints each time with its ratio to the target (not a pytest test).

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_benchmark.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OPEN_TARGET_S = 2.0
TABLE_TARGET_S = 0.100
ROWS = 3000


def report(label: str, seconds: float, target: float) -> None:
    """One line: the time, the target and the ratio (below 1.00 meets the target)."""
    print(
        f"{label:<52} {seconds * 1000:8.1f} ms  target {target * 1000:6.0f} ms  "
        f"ratio {seconds / target:5.2f}"
    )


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bench_open(folder: Path) -> None:
    """First run (creates the demo workspace) and a normal open of it, window shown."""
    os.environ["FSP_ALLOCATOR_WORKSPACE"] = str(folder / "workspace.sqlite")
    from fsp_allocator.workspace import open_default_workspace
    from ui.app import application, create_window
    from ui.qt import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app = application()
    for label in (
        "open app, first run (creates the demo workspace)",
        "open app on the demo workspace",
    ):
        start = time.perf_counter()
        window = create_window(open_default_workspace())
        window.show()
        app.processEvents()
        seconds = time.perf_counter() - start
        report(label, seconds, OPEN_TARGET_S)
        window.close()
        window.session.workspace.close()
        window.deleteLater()
        app.processEvents()
    # The app loads the engine in the background once idle (then freezes the GC's long-lived
    # objects); do the same now, as a window open for a while is, before the table timings.
    from ui.task_runner import preload_engine

    preload_engine().join()


def bench_table() -> None:
    """Sort every column of a >= 3,000-row caseload and filter it, through the view's proxy."""
    from fsp_allocator.demo import generate
    from ui.models.caseload_model import CaseloadModel
    from ui.qt import QApplication, Qt, QWidget
    from ui.views.table_widgets import make_table

    teams = 10
    data = generate(teams=teams, seed=1, week=date(2026, 11, 23))
    while len(data.open_children()) < ROWS:
        teams += 5
        data = generate(teams=teams, seed=1, week=date(2026, 11, 23))
    model = CaseloadModel()
    load = timed(lambda: model.set_data(data))
    holder = QWidget()
    view, proxy = make_table(model, "Caseload", holder)  # configured as in the app
    view.resize(1200, 800)
    view.show()
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    print(f"caseload rows: {model.rowCount()} (refresh from data {load * 1000:.1f} ms)")

    def sort_by(column: int, order: Qt.SortOrder) -> None:
        view.sortByColumn(column, order)
        app.processEvents()  # the view has redrawn

    def search(text: str) -> None:
        proxy.set_search(text)
        app.processEvents()

    sorts = []
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            start = time.perf_counter()
            sort_by(column, order)
            sorts.append(time.perf_counter() - start)
    report(
        f"sort {model.rowCount()} rows (median of {len(sorts)})",
        statistics.median(sorts),
        TABLE_TARGET_S,
    )
    report(f"sort {model.rowCount()} rows (slowest column)", max(sorts), TABLE_TARGET_S)
    filters = []
    for text in ("cp", "court 3b", "t01", "zzz-no-match", ""):
        start = time.perf_counter()
        search(text)
        filters.append(time.perf_counter() - start)
    report(
        f"filter {model.rowCount()} rows (slowest of {len(filters)})", max(filters), TABLE_TARGET_S
    )


COLD_START = """
import os, time
from ui.app import application, create_window
from ui.qt import QSettings, QTimer
from fsp_allocator.workspace import open_default_workspace
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["BENCH_DIR"])
app = application()
window = create_window(open_default_workspace())
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
window.session.workspace.close()
"""


def bench_cold_start(folder: Path) -> None:
    """A new process: Python and Qt imports, open the demo workspace, show the window."""
    env = dict(
        os.environ, BENCH_DIR=str(folder), FSP_ALLOCATOR_WORKSPACE=str(folder / "cold.sqlite")
    )
    subprocess.run([sys.executable, "-c", COLD_START], env=env, check=True)  # creates the demo
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_START], env=env, check=True)
    report("open app, new process (imports included)", time.perf_counter() - start, OPEN_TARGET_S)


def main() -> int:
    """Run both benchmarks in a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        bench_cold_start(Path(folder))
        bench_open(Path(folder))
        bench_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
