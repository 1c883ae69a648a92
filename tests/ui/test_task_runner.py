"""The task runner: work runs off the UI thread, results and failures arrive as signals."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from solver import CancelToken, Progress, ProgressCallback
from ui.task_runner import TaskRunner, failure_message


def test_result_arrives_by_signal_from_another_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ui_thread = threading.get_ident()
    seen: dict[str, int] = {}

    def task(progress: ProgressCallback, cancel: CancelToken) -> int:
        seen["thread"] = threading.get_ident()
        progress(Progress("Team A", "Balance loads", 2, 5, 3, 12.0, 10.0, 0.1))
        return 41 + 1

    with (
        qtbot.waitSignal(runner.progress, timeout=10_000) as progress_signal,
        qtbot.waitSignal(runner.finished, timeout=10_000) as finished,
    ):
        assert runner.start("allocate", task)
    assert finished.args == [42]
    assert seen["thread"] != ui_thread
    report = progress_signal.args[0]
    assert report.gap == 2.0 and report.stage == "Balance loads"
    assert not runner.running


def test_one_task_at_a_time(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()

    def slow(progress: ProgressCallback, cancel: CancelToken) -> str:
        release.wait(10)
        return "done"

    with qtbot.waitSignal(runner.finished, timeout=10_000):
        assert runner.start("allocate", slow)
        assert runner.running
        assert not runner.start("allocate", slow)
        release.set()


def test_cancel_stops_the_task_and_still_delivers(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()

    def until_cancelled(progress: ProgressCallback, cancel: CancelToken) -> str:
        started.set()
        while not cancel.cancelled:
            time.sleep(0.01)
        return "best so far"

    with qtbot.waitSignal(runner.finished, timeout=10_000) as finished:
        runner.start("allocate", until_cancelled)
        assert started.wait(10)
        qtbot.wait(50)  # the UI thread keeps running its event loop meanwhile
        runner.cancel()
    assert finished.args == ["best so far"]


def test_failure_is_a_sentence_not_a_traceback(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def broken(progress: ProgressCallback, cancel: CancelToken) -> None:
        raise KeyError("W9")

    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.start("allocate", broken)
    message = failed.args[0]
    assert "could not be completed (KeyError)" in message
    assert "Traceback" not in message
    assert not runner.running


def test_core_errors_keep_their_own_words() -> None:
    from fsp_allocator.workbook.problems import WorkbookInvalid

    assert failure_message(WorkbookInvalid([])) == "0 problem(s) in the workbook"


def test_a_failed_engine_preload_is_logged_unless_the_app_is_quitting(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import gc
    import importlib
    import threading

    from ui.task_runner import preload_engine

    def broken(name: str) -> None:
        raise RuntimeError("can't register atexit after shutdown")

    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(importlib, "import_module", broken)
    preload_engine().join(10)
    assert "engine preload failed: RuntimeError" in caplog.text

    caplog.clear()

    class Finished:
        def is_alive(self) -> bool:
            return False

    monkeypatch.setattr(threading, "main_thread", Finished)
    preload_engine().join(10)
    assert "engine preload failed" not in caplog.text
