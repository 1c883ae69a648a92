"""The one task runner: long work (the solve, why-not) runs off the UI thread.

The background function is plain Python that never touches a widget (Orange3's pattern): it
receives a progress callback and a `CancelToken`, and returns a result. Results, failures and
progress reach the UI thread as queued signals, so the window never freezes. Cancel calls
`CancelToken.cancel()`, which stops the running CP-SAT search (`stop_search` is thread-safe).
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ui.qt import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:  # only types; the engine itself loads when a task runs
    from fsp_allocator.allocation.progress import CancelToken, Progress, ProgressCallback

log = logging.getLogger(__name__)

Task = Callable[["ProgressCallback", "CancelToken"], Any]


def preload_engine() -> threading.Thread:
    """Import the engine (OR-Tools, about a second) on a background thread after start-up,
    so the window opens fast and the first Allocate does not wait for the import.

    Then the objects loaded so far (modules, classes: they live as long as the app) are
    moved out of the garbage collector's way (`gc.freeze`), so a full collection no longer
    pauses the window for a tenth of a second while sorting a large table.
    """

    def load() -> None:
        try:
            importlib.import_module("fsp_allocator.allocation.service")
            importlib.import_module("fsp_allocator.allocation.why_not")
        except Exception as exc:  # reported when Allocate is pressed, as a sentence
            if threading.main_thread().is_alive():  # not the app quitting under the import
                log.warning("engine preload failed: %s", type(exc).__name__)
        gc.collect()
        gc.freeze()

    thread = threading.Thread(target=load, name="engine-preload", daemon=True)
    thread.start()
    return thread


def failure_message(exc: BaseException) -> str:
    """A sentence a manager can read; the core's own errors already are sentences."""
    if type(exc).__module__.startswith("fsp_allocator") and str(exc):
        return str(exc)
    return (
        f"The work could not be completed ({type(exc).__name__}). Nothing was changed. "
        "Try again; if it happens again, ask your system administrator."
    )


class _Signals(QObject):
    """Lives on the UI thread; emitting from the pool thread queues the call to the UI thread."""

    progress = Signal(object)
    done = Signal(int, object)
    error = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, ticket: int, task: Task, token: CancelToken, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket, self._task, self._token, self._signals = ticket, task, token, signals

    def run(self) -> None:
        signals = self._signals

        def report(progress: Progress) -> None:
            signals.progress.emit(progress)

        try:
            result = self._task(report, self._token)
        except Exception as exc:  # reported to the window as one sentence, never a traceback
            log.warning("background task failed: %s", type(exc).__name__)
            self._signals.error.emit(self._ticket, failure_message(exc))
        else:
            self._signals.done.emit(self._ticket, result)


class TaskRunner(QObject):
    """Runs one background task at a time; tests wait on `finished` / `failed`.

    Signals: `started(name)`, `progress(Progress)`, `finished(result)`,
    `failed(message)`. `name` says what ran ("allocate", "why-not").
    """

    started = Signal(str)
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self._signals.error.connect(self._on_error)
        self._ticket = 0
        self._token: CancelToken | None = None
        self.name = ""

    @property
    def running(self) -> bool:
        """Whether a task is under way (its result not yet delivered)."""
        return self._token is not None

    def start(self, name: str, task: Task) -> bool:
        """Start `task(progress, cancel)` in the background; False if one is already running."""
        from fsp_allocator.allocation.progress import CancelToken

        if self.running:
            return False
        self._ticket += 1
        self._token = CancelToken()
        self.name = name
        self.started.emit(name)
        self._pool.start(_Job(self._ticket, task, self._token, self._signals))
        return True

    def cancel(self) -> None:
        """Ask the running task to stop; it still delivers its best result so far."""
        if self._token is not None:
            self._token.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for shutdown); True when it is."""
        return bool(self._pool.waitForDone(msecs))

    def _on_progress(self, report: object) -> None:
        if self._token is not None:
            self.progress.emit(report)

    def _on_done(self, ticket: int, result: object) -> None:
        if ticket == self._ticket:
            self._token = None
            self.finished.emit(result)

    def _on_error(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self._token = None
            self.failed.emit(message)
