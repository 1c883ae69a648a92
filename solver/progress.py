"""Progress reporting and cancellation between a running solve and whoever waits on it.

The UI's worker thread passes a `ProgressCallback`; Cancel calls `CancelToken.cancel()`
from any thread, which stops the running CP-SAT search (`CpSolver.stop_search` is
thread-safe) and keeps the best plan found so far.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Progress:
    """One progress report: which aim is being optimised and how far the search is."""

    team: str
    stage: str  # the aim being optimised, human-readable, e.g. "Balance loads"
    stage_index: int  # 0-based
    stage_count: int
    solutions: int  # solutions found in this stage so far
    objective: float
    bound: float
    elapsed_seconds: float

    @property
    def gap(self) -> float:
        """Absolute gap between the best solution and the bound in this stage."""
        return abs(self.objective - self.bound)


class ProgressCallback(Protocol):
    """Called from the solving thread; must be quick and must not touch widgets."""

    def __call__(self, progress: Progress, /) -> None: ...


class CancelToken:
    """Thread-safe cancel flag that also stops whichever CP-SAT search is running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._stoppers: list[Callable[[], None]] = []

    def cancel(self) -> None:
        """Ask the solve to stop; it returns its best plan so far."""
        with self._lock:
            self._cancelled = True
            stoppers = list(self._stoppers)
        for stop in stoppers:
            stop()

    @property
    def cancelled(self) -> bool:
        """Whether cancel() has been called."""
        with self._lock:
            return self._cancelled

    def register(self, stop: Callable[[], None]) -> None:
        """Attach a stopper (e.g. `solver.stop_search`); called at once if already cancelled."""
        with self._lock:
            self._stoppers.append(stop)
            cancelled = self._cancelled
        if cancelled:
            stop()

    def unregister(self, stop: Callable[[], None]) -> None:
        """Detach a stopper once its search has finished."""
        with self._lock:
            if stop in self._stoppers:
                self._stoppers.remove(stop)
