"""Refusing the worst files: the wall time and peak memory of `validate` on each (issue 14).

The goal: no input of 20 MB or less takes more than 1 GB of memory or 60 s to be refused.
Each crafted file is made by the tests' own generators (`tests/core/hostile_files.py`, so the
benchmark and the tests attack with the same files), then `fsp-allocator validate` runs on it
in a fresh process, whose peak resident memory the kernel reports (`ru_maxrss`).

    python benchmarks/hostile_benchmark.py

Prints one line per file: its size, the exit status, seconds, peak MB, and the ratios to the
goal (1.0 = at the limit). Not a pytest test: the tests never assert speed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core"))

from hostile_files import (  # type: ignore[import-not-found]  # noqa: E402
    lying_sizes,
    million_row_workbook,
    wide_workbook,
    zip_bomb,
)

GOAL_SECONDS = 60.0
GOAL_MB = 1024.0

CASES: tuple[tuple[str, Callable[[Path], Path]], ...] = (
    ("zip bomb: 101 MB unpacked", lambda p: zip_bomb(p, 101 * 1024 * 1024)),
    ("zip bomb: 1 GB unpacked", lambda p: zip_bomb(p, 1024 * 1024 * 1024)),
    ("1,048,000 rows (the issue's 15 MB file)", lambda p: million_row_workbook(p, 1_048_000)),
    ("100,001 rows", lambda p: million_row_workbook(p, 100_001)),
    ("16,000 columns", lambda p: wide_workbook(p, 16_000)),
    ("zip directory lying about sizes", lying_sizes),
)


def _refuse(path: Path) -> tuple[int, float, float]:
    """(exit status, seconds, peak MB) of `validate` on `path` in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "fsp_allocator.cli.main", "validate", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not the largest
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, seconds, usage.ru_maxrss / 1024


def main() -> int:
    """Make each file, refuse it, print the figures."""
    print(
        f"{'file':42} {'size MB':>8} {'exit':>4} {'s':>7} {'peak MB':>8} "
        f"{'s/goal':>7} {'MB/goal':>7}"
    )
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES:
            path = make(Path(folder) / "hostile.xlsx")
            size = path.stat().st_size / 1e6
            status, seconds, peak = _refuse(path)
            ratio = max(seconds / GOAL_SECONDS, peak / GOAL_MB)
            worst = max(worst, ratio)
            print(
                f"{name:42} {size:8.1f} {status:4} {seconds:7.2f} {peak:8.0f} "
                f"{seconds / GOAL_SECONDS:7.3f} {peak / GOAL_MB:7.3f}"
            )
            path.unlink()
    print(
        f"worst ratio to the goal (60 s, 1 GB): {worst:.3f} ({'met' if worst <= 1 else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
