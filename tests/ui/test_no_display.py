"""Without a display, `fsp-allocator` says so in one line and lists the headless commands."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_no_display_message_instead_of_a_qt_abort() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["FSP_ALLOCATOR_WORKSPACE"] = os.devnull + ".never-opened"
    done = subprocess.run(
        [sys.executable, "-m", "fsp_allocator.cli.main"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    first, *rest = done.stderr.strip().splitlines()
    assert "no display is available" in first
    assert any("fsp-allocator allocate" in line for line in rest)
    assert "Traceback" not in done.stderr


def test_workspace_option_opens_the_window_on_that_workspace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fsp_allocator.cli.main import main
    from ui import app

    opened: list[str | None] = []

    def run(workspace: str | None = None) -> int:
        opened.append(workspace)
        return 0

    monkeypatch.setattr(app, "run", run)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(["--workspace", "postgresql+psycopg://team@server/fsp"]) == 0
    assert main([]) == 0
    assert opened == ["postgresql+psycopg://team@server/fsp", None]


def test_missing_xcb_libraries_give_the_one_line_fix(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15: without libxcb-cursor0 Qt aborted with its own message and a core dump."""
    from fsp_allocator.cli import display
    from fsp_allocator.cli.main import main
    from ui import app

    opened: list[str | None] = []

    def run(workspace: str | None = None) -> int:
        opened.append(workspace)
        return 0

    monkeypatch.setattr(app, "run", run)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(display, "_loads", lambda soname: soname != "libxcb-cursor.so.0")
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [display.xcb_fix(["libxcb-cursor0"])]
    assert "sudo apt install libxcb-cursor0" in err
    assert opened == []  # Qt was never started
    monkeypatch.setattr(display, "_loads", lambda soname: True)
    assert main([]) == 0 and opened == [None]


def test_the_xcb_check_is_only_for_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    from fsp_allocator.cli import display

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert not display.uses_xcb()  # Qt takes Wayland
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert display.uses_xcb()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not display.uses_xcb()
