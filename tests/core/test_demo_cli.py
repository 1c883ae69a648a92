"""`fsp-allocator demo`: writes a workbook (or CSV folder) that the reader takes as it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.workbook.reader import read_team


def test_demo_command_writes_a_readable_county(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    status = main(
        ["demo", "--out", str(out), "--teams", "17", "--seed", "3", "--week", "2026-11-23"]
    )
    assert status == 0
    result = read_team(out)
    assert result.errors == ()
    assert result.data is not None
    expected = generate(teams=17, seed=3, week=date(2026, 11, 23))
    assert result.data.children == expected.children
    assert len(result.data.teams()) == 17
    assert "17 teams" in capsys.readouterr().out


def test_demo_command_csv_folder(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", "--out", str(folder), "--csv", "--seed", "2"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["Cases.csv", "Settings.csv", "Workers.csv"]
    result = read_team(folder)
    assert result.errors == ()
    assert result.data is not None
    assert result.data.workers == generate(seed=2).workers


def test_demo_command_explains_a_wrong_output_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--out", str(tmp_path / "team.txt")]) == 1
    err = capsys.readouterr().err
    assert "should end in .xlsx" in err and "Traceback" not in err
    assert not (tmp_path / "team.txt").exists()


@pytest.mark.parametrize("teams", ["0", "many"])
def test_demo_command_rejects_a_bad_team_count(teams: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--out", "x.xlsx", "--teams", teams])
    assert stopped.value.code == 2
