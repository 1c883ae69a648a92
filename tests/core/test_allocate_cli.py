"""`fsp-allocator allocate`: 0 with a result; 2 and nothing written on bad input; 1 else."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.workbook.writer import write_team

WEEK = date(2026, 11, 23)


@pytest.fixture(scope="module")
def team_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("in") / "team.xlsx"
    write_team(generate(teams=1, seed=3, week=WEEK), path)
    return path


def _spoil(source: Path, target: Path) -> None:
    """Copy `source` with two bad cells: an unknown stage and an FTE above 1."""
    book = load_workbook(source)
    cases, workers = book["Cases"], book["Workers"]
    stage_col = [c.value for c in cases[1]].index("stage") + 1
    fte_col = [c.value for c in workers[1]].index("fte") + 1
    cases.cell(row=2, column=stage_col).value = "BOGUS"
    workers.cell(row=3, column=fte_col).value = 2
    book.save(target)


def test_result_written_exit_0_and_same_output_twice(
    team_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for run in ("a", "b"):
        out, js = tmp_path / f"{run}.xlsx", tmp_path / f"{run}.json"
        status = main(["allocate", str(team_book), "--out", str(out), "--json", str(js)])
        assert status == 0
        assert load_workbook(out).sheetnames == [
            "Summary",
            "Allocations",
            "Workload",
            "Unallocated",
        ]
        result = json.loads(js.read_text(encoding="utf-8"))
        result.pop("solve_seconds")
        outputs.append(result)
    assert outputs[0] == outputs[1]
    captured = capsys.readouterr()
    assert "Allocated" in captured.out and "unallocated" in captured.out
    assert ": OPTIMAL" in captured.err or ": FEASIBLE" in captured.err


def test_invalid_input_exit_2_lists_every_problem_writes_nothing(
    team_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    _spoil(team_book, bad)
    out, js = tmp_path / "r.xlsx", tmp_path / "r.json"
    status = main(["allocate", str(bad), "--out", str(out), "--json", str(js)])
    assert status == 2
    err = capsys.readouterr().err
    assert "Cases" in err and "row 2" in err and "stage" in err
    assert "Workers" in err and "row 3" in err and "fte" in err
    assert not out.exists() and not js.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx"]


def test_missing_input_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["allocate", str(tmp_path / "none.xlsx"), "--out", str(tmp_path / "r.xlsx")])
    assert status == 1
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_exit_1(
    team_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    status = main(["allocate", str(team_book), "--out", str(blocker / "r.xlsx")])
    assert status == 1
    assert "could not write the result" in capsys.readouterr().err


def test_summary_names_a_few_over_capacity_workers_and_counts_many() -> None:
    from fsp_allocator.cli.allocate_command import MAX_NAMES_LISTED, _over_capacity_line

    assert _over_capacity_line([]) == "Workers over capacity: none."
    few = [f"Worker {n}" for n in range(MAX_NAMES_LISTED)]
    assert _over_capacity_line(few).endswith(f"{few[-1]}.")
    many = [f"Worker {n}" for n in range(MAX_NAMES_LISTED + 1)]
    line = _over_capacity_line(many)
    assert f"{MAX_NAMES_LISTED + 1}" in line and "Worker 0" not in line
