"""`fsp-allocator validate`: the report, its JSON, and exit status 0 valid / 2 errors / 1 else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from import_files import cases_rows, csv_folder, password_protected, team_workbook, workers_rows

from fsp_allocator.cli.main import main
from fsp_allocator.validation_report import build_report, render_text
from fsp_allocator.workbook.reader import read_team


def test_valid_workbook_exits_0_with_the_load_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_workbook(tmp_path / "team.xlsx")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Result: valid, 0 warnings" in out
    assert "Team 'North': 5 workers, 3 open children, 3 new children to allocate" in out
    assert "(2 new families)" in out
    # W1 leads C1 (CP 3B 4B) and C2 (its sibling): load and court figures from weighting
    w1 = next(line.split() for line in out.splitlines() if line.strip().startswith("W1 "))
    assert w1[:6] == ["W1", "Sam", "Lee", "SW", "1", "15"]
    assert w1[-2:] == ["0/2", "2"]
    assert "Adult practitioners (families)" in out and "Other staff (never lead)" in out


def test_json_report_carries_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_workbook(tmp_path / "team.xlsx")
    assert main(["validate", str(path), "--json", "--week", "2026-12-07"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["week"] == "2026-12-07"
    (team,) = report["teams"]
    assert (team["open_children"], team["new_children"], team["new_families"]) == (3, 3, 2)
    workers = {w["worker_id"]: w for w in team["workers"]}
    assert workers["W2"]["court"] == 1 and workers["W2"]["court_cap"] == 2
    assert workers["W2"]["capacity"] == 12.0  # 15 x 0.8 FTE
    assert workers["A1"]["capacity"] == 5.0 and workers["A1"]["court_cap"] is None
    assert workers["W1"]["children"] == 2 and workers["W1"]["families"] == 1


def test_errors_exit_2_and_list_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workers = workers_rows()
    workers[2][3] = 1.5
    cases = cases_rows()
    cases[1][2] = "XYZ"
    cases[4][4] = "GONE"
    path = team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr().out
    assert "NOT valid: 2 errors, 1 warning" in out
    errors = out.index("Errors (2):")
    warnings = out.index("Warnings (1):")
    assert errors < out.index("sheet Workers, row 3, column fte: '1.5' is out of range") < warnings
    assert errors < out.index("sheet Cases, row 2, column stage: 'XYZ' is not a stage") < warnings
    assert warnings < out.index("sheet Cases, row 5, column previous_worker_id: 'GONE'")


def test_errors_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = password_protected(tmp_path / "team.xlsx")
    assert main(["validate", str(path), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and report["teams"] == []
    assert "password-protected" in report["errors"][0]["message"]


def test_csv_folder_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = csv_folder(tmp_path / "team", "cp1252", ";")
    assert main(["validate", str(folder)]) == 0
    assert "Result: valid" in capsys.readouterr().out


def test_missing_file_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nothing.xlsx")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().endswith("does not exist; give the path of the team workbook")
    assert len(captured.err.strip().splitlines()) == 1


def test_bad_week_option_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = team_workbook(tmp_path / "team.xlsx")
    with pytest.raises(SystemExit) as stopped:
        main(["validate", str(path), "--week", "23/11/2026"])
    assert stopped.value.code != 0
    assert "is not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_report_text_lists_each_team(tmp_path: Path) -> None:
    workers = workers_rows()
    workers[3][4] = "South"
    cases = [[*row, None] for row in cases_rows()]
    cases[0][-1] = "team"
    for row in cases[4:]:
        row[-1] = "South"
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases))
    text = render_text(build_report(result, "team.xlsx"))
    assert "Team 'North': 4 workers, 3 open children, 0 new children" in text
    assert "Team 'South': 1 worker, 0 open children, 3 new children" in text


def test_report_notes_availability_and_counts_adult_families(tmp_path: Path) -> None:
    workers = [[*row, None, None, None] for row in workers_rows()]
    workers[0][-3:] = ["accepting", "available_from", "agency"]
    workers[1][-3:] = ["no", None, "yes"]
    workers[2][-3:] = [None, "01/12/2026", None]
    cases = [[*row, None] for row in cases_rows()]
    cases[0][-1] = "adult_worker_ids"
    cases[1][-1] = "A1"
    cases[2][-1] = "A1"  # same family F1: one family for A1
    cases[3][-1] = "A1"
    path = team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases)
    report = build_report(read_team(path), path)
    lines = {line.worker_id: line for line in report.teams[0].workers}
    assert lines["W1"].note == "closed to new cases; agency"
    assert lines["W2"].note == "available from 01/12/2026"
    assert lines["A1"].families == 2 and lines["A1"].load_percent == 40.0
