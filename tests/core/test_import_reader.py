"""Reading a valid team: the .xlsx, a CSV folder in each encoding and delimiter, the options."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from import_files import (
    blank_formatted_rows,
    cases_rows,
    csv_folder,
    team_workbook,
    workers_rows,
    write_csv,
)

from fsp_allocator.domain import Role, Stage, TeamData, Worker
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workbook.workers_sheet import DEFAULT_TEAM


def _valid(path: Path, week: date | None = None) -> TeamData:
    result = read_team(path, week=week)
    assert result.errors == (), [str(p) for p in result.errors]
    assert result.data is not None
    return result.data


def _workers(data: TeamData) -> dict[str, Worker]:
    return {str(worker_id): worker for worker_id, worker in data.worker_index().items()}


def _check_team(data: TeamData) -> None:
    workers = _workers(data)
    assert list(workers) == ["W1", "W2", "W3", "A1", "S1"]
    assert workers["W1"].skills == ("teenagers", "polish")
    assert workers["W2"].fte == 0.8 and workers["W2"].court_cap == 2
    assert workers["A1"].role is Role.DA
    children = {str(c.child_id): c for c in data.children}
    assert children["C1"].factors == ("3B", "4B")
    assert children["C1"].referral_date == date(2026, 9, 1)
    assert children["C3"].referral_date == date(2026, 5, 4)
    assert children["C10"].referral_date == date(2026, 11, 20)
    assert children["C10"].previous_worker_id == "W3" and children["C10"].is_new
    assert children["C3"].stage is Stage.COURT
    assert [c.child_id for c in data.new_children()] == ["C10", "C11", "C12"]
    assert {c.team for c in data.children} == {"North"}
    assert data.settings.week == date(2026, 11, 23)
    assert data.settings.court_cap == 2


def test_xlsx_happy_path(tmp_path: Path) -> None:
    _check_team(_valid(team_workbook(tmp_path / "team.xlsx")))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_folder_in_each_encoding_and_delimiter(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    folder = csv_folder(tmp_path / "team", encoding, delimiter)
    _check_team(_valid(folder))
    _check_team(_valid(folder / "Cases.csv"))  # one sheet's CSV stands for its folder


def test_cp1252_names_survive(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path / "team", "cp1252", ";")
    rows = workers_rows()
    rows[1][1] = "Zoë Ó Súilleabháin"
    write_csv(folder / "Workers.csv", rows, "cp1252", ";")
    assert _workers(_valid(folder))["W1"].name == "Zoë Ó Súilleabháin"


def test_column_names_matched_loosely_and_extra_columns_kept(tmp_path: Path) -> None:
    workers = workers_rows()
    workers[0] = ["Worker ID", "NAME", " Role ", " Fte ", "Team", "Court Cap", "skills", "Phone"]
    for row in workers[1:]:
        row.append("01234")
    cases = cases_rows()
    cases[0] = [
        "Child-ID",
        "family id",
        "STAGE",
        "worker_id",
        "Previous Worker ID",
        "Factors",
        "referral_date",
        "Notes",
    ]
    cases[1].append("court date 3 Dec")
    data = _valid(team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases))
    assert _workers(data)["W2"].court_cap == 2
    assert dict(_workers(data)["W1"].extra) == {"Phone": "01234"}
    assert dict(data.children[0].extra) == {"Notes": "court date 3 Dec"}
    assert dict(data.children[1].extra) == {}


def test_week_argument_overrides_settings(tmp_path: Path) -> None:
    data = _valid(team_workbook(tmp_path / "team.xlsx"), week=date(2026, 12, 7))
    assert data.settings.week == date(2026, 12, 7)


def test_no_settings_sheet_means_defaults_and_today(tmp_path: Path) -> None:
    data = _valid(team_workbook(tmp_path / "team.xlsx", Settings=[]))
    assert data.settings.week == date.today()
    assert data.settings.court_cap == 3


def test_no_team_column_puts_everyone_in_the_default_team(tmp_path: Path) -> None:
    workers = [row[:4] for row in workers_rows()]
    data = _valid(team_workbook(tmp_path / "team.xlsx", Workers=workers))
    assert data.teams() == (DEFAULT_TEAM,)
    assert {c.team for c in data.children} == {DEFAULT_TEAM}


def test_one_named_team_fills_blank_team_cells(tmp_path: Path) -> None:
    workers = workers_rows()
    workers[2][4] = None
    workers[3][4] = "north"  # matched case-insensitively, spelt as first written
    data = _valid(team_workbook(tmp_path / "team.xlsx", Workers=workers))
    assert {w.team for w in data.workers} == {"North"}


def test_two_teams_new_cases_need_their_team(tmp_path: Path) -> None:
    workers = workers_rows()
    workers[3][4] = "South"  # W3 in South
    cases = [[*row, None] for row in cases_rows()]
    cases[0][-1] = "team"
    cases[4][-1] = "South"
    cases[5][-1] = "north"
    cases[6][-1] = "North"
    cases[3][-1] = "South"  # open case of W2 (North): the lead worker's team wins, with a warning
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases))
    assert result.data is not None
    teams = {c.child_id: c.team for c in result.data.children}
    assert teams == {
        "C1": "North",
        "C2": "North",
        "C3": "North",
        "C10": "South",
        "C11": "North",
        "C12": "North",
    }
    assert [(p.sheet, p.row, p.column) for p in result.warnings] == [("Cases", 4, "team")]


def test_thousands_of_blank_formatted_rows_are_skipped(tmp_path: Path) -> None:
    data = _valid(blank_formatted_rows(tmp_path / "team.xlsx", 5000))
    assert len(data.children) == len(cases_rows()) - 1


def test_blank_rows_between_rows_keep_excel_row_numbers(tmp_path: Path) -> None:
    cases = cases_rows()
    cases.insert(3, [None] * len(cases[0]))
    cases[-1][2] = "XYZ"
    result = read_team(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [("Cases", 8, "stage")]


def test_ids_typed_as_numbers_match_text_ids(tmp_path: Path) -> None:
    workers = workers_rows()
    workers[1][0] = 101
    cases = cases_rows()
    cases[1][3] = 101.0
    cases[2][3] = "101"
    data = _valid(team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases))
    assert [c.worker_id for c in data.children[:2]] == ["101", "101"]
