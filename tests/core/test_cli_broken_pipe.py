"""Piping a command's output into `head` ends quietly, without an "unexpected error"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_reader_leaving_early_is_not_an_error(tmp_path: Path) -> None:
    # Print far more than a pipe buffer holds through the real entry point, then close the
    # reading end after one line, as `| head -1` does.
    script = (
        "import argparse, sys\n"
        "from fsp_allocator.cli import main as m\n"
        "def flood(args):\n"
        "    for n in range(200_000):\n"
        "        print('line', n)\n"
        "    return 0\n"
        "real = m.build_parser\n"
        "def parser():\n"
        "    p = real()\n"
        "    p.set_defaults(command='flood', handler=flood)\n"
        "    return p\n"
        "m.build_parser = parser\n"
        "sys.exit(m.main(['--debug']))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"line 0")
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Error" not in errors and "Traceback" not in errors
