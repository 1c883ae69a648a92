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
