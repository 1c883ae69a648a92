"""The project's static checks run as tests, so the one test command is the whole CI gate.

ruff (lint), mypy (types) and import-linter (the layer contracts in pyproject.toml:
ui -> fsp_allocator -> solver, no Qt in the core, no pandas or files in the solver).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


CODE = ("fsp_allocator", "solver", "ui", "tests", "benchmarks")


def test_ruff_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


# The packages (pyproject's [tool.mypy] packages), then each test folder on its own: test
# modules import their helpers by bare name, and three folders each have a conftest
# (tests/core/annex_a is checked on its own for that reason).
@pytest.mark.parametrize(
    "targets",
    [
        (),
        ("tests/core", "--exclude", "tests/core/annex_a/"),
        ("tests/core/annex_a",),
        ("tests/solver",),
        ("tests/ui",),
        ("benchmarks",),
    ],
)
def test_mypy_finds_nothing(targets: tuple[str, ...]) -> None:
    result = _run(sys.executable, "-m", "mypy", *targets)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layer_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.fail("lint-imports is not installed: install the project with its [test] extra")
    result = _run(lint_imports)
    assert result.returncode == 0, result.stdout + result.stderr
