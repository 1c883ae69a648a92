"""`fsp-allocator service` and `plan` on a workbook: files, sheets, charts, exit statuses."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from service_builders import two_teams

from fsp_allocator.cli.main import main
from fsp_allocator.domain import TeamName
from fsp_allocator.workbook.writer import write_team


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two hand-made teams, one of them named like a formula."""
    data = two_teams()
    east = TeamName('=HYPERLINK("x")')
    data = replace(
        data,
        workers=tuple(replace(w, team=east) if w.team == "East" else w for w in data.workers),
        children=tuple(replace(c, team=east) if c.team == "East" else c for c in data.children),
    )
    path = tmp_path_factory.mktemp("in") / "service.xlsx"
    write_team(data, path)
    return path


def test_service_writes_json_and_printable_workbook(book: Path, tmp_path: Path) -> None:
    xlsx, js = tmp_path / "s.xlsx", tmp_path / "s.json"
    assert main(["service", str(book), "--out", str(xlsx), "--json", str(js)]) == 0
    payload = json.loads(js.read_text(encoding="utf-8"))
    assert payload["week"] == "2026-11-23"
    assert [t["team"] for t in payload["teams"]] == ["North", '=HYPERLINK("x")']
    assert payload["service"]["load"] == 44.0
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames == ["Teams", "Workers", "Chart"]
    teams = workbook["Teams"]
    assert teams["A1"].value == "Team" and teams["G1"].value == "Load ratio"
    assert teams["A3"].value == '=HYPERLINK("x")' and teams["A3"].data_type == "s"
    assert teams["G2"].value == 0.51 and teams["G3"].value == 1.07
    assert teams["G2"].fill.fgColor.rgb.endswith("C6EFCE")  # room: green
    assert teams["G3"].fill.fgColor.rgb.endswith("FFC7CE")  # over capacity: red
    assert teams["A4"].value == "Service" and teams["F4"].value == 44.0
    assert not any(
        isinstance(c.value, str) and c.data_type == "f"
        for sheet in workbook
        for row in sheet.iter_rows()
        for c in row
    )
    assert workbook["Workers"].max_row == 7  # six lead workers and the header
    assert len(workbook["Chart"]._charts) == 1


def test_plan_workbook_has_both_sides_and_a_line_chart(book: Path, tmp_path: Path) -> None:
    xlsx, js = tmp_path / "p.xlsx", tmp_path / "p.json"
    code = main(
        [
            "plan",
            str(book),
            "--json",
            str(js),
            "--out",
            str(xlsx),
            "--weeks",
            "6",
            "--intake",
            "2",
            "--closures",
            "1",
            "--add",
            "North:SENIOR:1",
        ]
    )
    assert code == 0
    payload = json.loads(js.read_text(encoding="utf-8"))
    north = payload["teams"][0]
    assert north["before"]["growth"] == 1.0 and north["after"]["capacity"] == 69.45
    assert north["before"]["weeks_until_full"] == 26.45  # (54.45 - 28) / 1
    sheets = load_workbook(xlsx)
    assert sheets.sheetnames == ["Plan", "Projection", "Chart"]
    assert sheets["Projection"].max_row == 8  # header, week 0 … 6
    assert len(sheets["Chart"]._charts) == 1


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--weeks", "0"], "--weeks"),
        (["--weeks", "105"], "--weeks"),
        (["--intake", "-1"], "--intake"),
        (["--closures", "-0.5"], "--closures"),
    ],
)
def test_bad_plan_arguments_exit_2_named_nothing_written(
    book: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    named: str,
) -> None:
    target = tmp_path / "p.json"
    with pytest.raises(SystemExit) as caught:
        main(["plan", str(book), "--json", str(target), *arguments])
    assert caught.value.code == 2
    assert named in capsys.readouterr().err
    assert not target.exists()


def test_unknown_team_role_or_worker_exit_2_each_named(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, sheet = tmp_path / "p.json", tmp_path / "p.xlsx"
    code = main(
        [
            "plan",
            str(book),
            "--json",
            str(target),
            "--out",
            str(sheet),
            "--add",
            "West:SW:1",
            "--add",
            "North:BOSS:1",
            "--remove",
            "W404",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "team 'West'" in err and "role 'BOSS'" in err and "--remove W404" in err
    assert not target.exists() and not sheet.exists()


def test_invalid_workbook_exit_2_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    out = tmp_path / "s.xlsx"
    assert main(["service", str(bad), "--out", str(out)]) == 2
    assert not out.exists()
