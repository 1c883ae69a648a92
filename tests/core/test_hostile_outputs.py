"""Issue 14 on the way out: CSV guarded in headers too and read back unchanged, terminal
output with control characters escaped, and a full disk reported without Python's noise."""

from __future__ import annotations

import csv
import os
import resource
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from import_files import cases_rows, csv_folder, write_csv

from fsp_allocator.cli.main import main
from fsp_allocator.cli.terminal import escape_controls
from fsp_allocator.demo import generate
from fsp_allocator.domain import ChildId, FamilyId, TeamData, WorkerId
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workbook.safe_cells import guard_csv_field, unguard_csv_field
from fsp_allocator.workbook.writer import write_team_csv

ROOT = Path(__file__).resolve().parents[2]


def _odd_team() -> TeamData:
    """A demo team whose ids start with formula signs, and a worker column headed =HDR()."""
    data = generate(teams=1, seed=3)
    first = data.workers[0]
    renamed = {first.worker_id: WorkerId("-W1")}
    workers = (
        replace(first, worker_id=WorkerId("-W1"), extra=MappingProxyType({"=HDR()": "x"})),
        *data.workers[1:],
    )
    children = []
    for index, child in enumerate(data.children):
        ids = {0: ("=1", "'=2"), 1: ("@C", "+F")}.get(index)
        if ids:
            child = replace(child, child_id=ChildId(ids[0]), family_id=FamilyId(ids[1]))
        lead = renamed.get(child.worker_id, child.worker_id) if child.worker_id else None
        children.append(replace(child, worker_id=lead))
    return replace(data, workers=workers, children=tuple(children))


def test_csv_headers_are_guarded_too(tmp_path: Path) -> None:
    """`demo --csv` wrote header cells unprotected (=HDR())."""
    write_team_csv(_odd_team(), tmp_path)
    with (tmp_path / "Workers.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert "'=HDR()" in header and "=HDR()" not in header


def test_csv_output_reads_back_to_the_same_ids(tmp_path: Path) -> None:
    """The `'` guard used to stay on: `=1` came back as `'=1`."""
    data = _odd_team()
    write_team_csv(data, tmp_path)
    result = read_team(tmp_path)
    assert result.data is not None, [str(p) for p in result.errors]
    assert [c.child_id for c in result.data.children] == [c.child_id for c in data.children]
    assert [c.family_id for c in result.data.children] == [c.family_id for c in data.children]
    assert [w.worker_id for w in result.data.workers] == [w.worker_id for w in data.workers]
    assert result.data.workers[0].extra == {"=HDR()": "x"}


@pytest.mark.parametrize("text", ["=1", "'=1", "''=1", "'abc", "-W1", "abc", "'", "=", "@"])
def test_the_csv_guard_is_reversible(text: str) -> None:
    guarded = guard_csv_field(text)
    assert not guarded.lstrip("'").startswith(("=", "+", "-", "@")) or guarded.startswith("'")
    assert unguard_csv_field(guarded) == text


def test_escape_sequences_from_a_csv_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stage cell holding ESC[2J (clear screen) and an RTL override was echoed raw."""
    folder = csv_folder(tmp_path / "team")
    cases = cases_rows()
    cases[4][2] = "\x1b[2J\u202eCIN"
    write_csv(folder / "Cases.csv", cases, "utf-8", ",")
    assert main(["validate", str(folder)]) == 2
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "\\u001b[2J\\u202eCIN" in shown


def test_escaping_keeps_lines_and_tabs() -> None:
    assert escape_controls("a\tb\nc") == "a\tb\nc"
    assert escape_controls("bell\x07 and nul\x00") == "bell\\u0007 and nul\\u0000"


def _limit_file_size() -> None:  # runs in the child process, before it starts
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limits")
def test_a_write_cut_short_by_the_disk_prints_one_plain_line(tmp_path: Path) -> None:
    """It printed "Exception ignored in ... ZipFile.__del__" and a traceback after the message."""
    team = tmp_path / "team.xlsx"
    assert main(["demo", "--out", str(team)]) == 0
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fsp_allocator.cli.main",
            "allocate",
            str(team),
            "--out",
            str(tmp_path / "r.xlsx"),
            "--json",
            str(tmp_path / "r.json"),
            "--time-limit",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_file_size,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("North")]
    assert "could not write the result" in lines[-1], result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "r.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
