"""Every kind of bad input is refused with a problem naming the sheet, the row and the column."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_files import (
    Rows,
    cases_rows,
    corrupt_zip,
    csv_folder,
    csv_renamed_xlsx,
    merged_header,
    password_protected,
    settings_rows,
    team_workbook,
    workers_rows,
    write_workbook,
    zip_without_workbook,
)

from fsp_allocator.workbook import xlsx_scan, xlsx_source
from fsp_allocator.workbook.problems import ImportResult, Severity
from fsp_allocator.workbook.reader import read_team

Where = tuple[str | None, int | None, str | None]


def _where(result: ImportResult, severity: Severity = Severity.ERROR) -> list[Where]:
    return [(p.sheet, p.row, p.column) for p in result.problems if p.severity is severity]


def _only_error(result: ImportResult) -> str:
    assert result.data is None
    assert len(result.errors) == 1, [str(p) for p in result.errors]
    return str(result.errors[0])


def _with(rows: Rows, row: int, column: str, value: object) -> Rows:
    rows[row][rows[0].index(column)] = value
    return rows


def test_password_protected_file(tmp_path: Path) -> None:
    message = _only_error(read_team(password_protected(tmp_path / "team.xlsx")))
    assert "password-protected or an old-style .xls" in message


def test_corrupt_zip(tmp_path: Path) -> None:
    assert "is damaged" in _only_error(read_team(corrupt_zip(tmp_path / "team.xlsx")))


def test_zip_that_is_no_workbook(tmp_path: Path) -> None:
    assert "is damaged" in _only_error(read_team(zip_without_workbook(tmp_path / "team.xlsx")))


def test_csv_renamed_xlsx(tmp_path: Path) -> None:
    message = _only_error(read_team(csv_renamed_xlsx(tmp_path / "team.xlsx")))
    assert "not an Excel workbook" in message and "renamed" in message


def test_too_large_file_refused_before_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = team_workbook(tmp_path / "team.xlsx")
    monkeypatch.setattr(xlsx_source, "MAX_FILE_BYTES", path.stat().st_size - 1)
    assert "limit" in _only_error(read_team(path))


def test_zip_bomb_refused_before_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = team_workbook(tmp_path / "team.xlsx")
    monkeypatch.setattr(xlsx_scan, "MAX_UNCOMPRESSED_BYTES", path.stat().st_size)
    assert "unpacks to more than" in _only_error(read_team(path))


def test_untrusted_xml_is_parsed_by_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("team.xls", "old-style .xls"), ("team.ods", "not a file"), ("notes.csv", "single CSV")],
)
def test_unsupported_files(tmp_path: Path, name: str, phrase: str) -> None:
    path = tmp_path / name
    path.write_text("worker_id,name\n")
    assert phrase in _only_error(read_team(path))


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in _only_error(read_team(tmp_path / "nothing.xlsx"))


def test_merged_header_cells(tmp_path: Path) -> None:
    result = read_team(merged_header(tmp_path / "team.xlsx"))
    assert ("Workers", 1, None) in _where(result)
    assert any("B1:C1 are merged" in p.message for p in result.errors)


def test_missing_sheet(tmp_path: Path) -> None:
    result = read_team(team_workbook(tmp_path / "team.xlsx", Cases=[]))
    assert _where(result) == [("Cases", None, None)]
    assert "no sheet named Cases" in result.errors[0].message


def test_missing_csv_file_in_folder(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path / "team")
    (folder / "Workers.csv").unlink()
    assert "no Workers.csv" in _only_error(read_team(folder))


@pytest.mark.parametrize("sheet", ["Workers", "Cases"])
def test_empty_sheets(tmp_path: Path, sheet: str) -> None:
    header_only = {"Workers": workers_rows()[:1], "Cases": cases_rows()[:1]}
    result = read_team(team_workbook(tmp_path / "a.xlsx", **{sheet: header_only[sheet]}))
    assert _where(result) == [(sheet, 2, None)]
    path = tmp_path / "b.xlsx"
    write_workbook(path, {"Workers": workers_rows(), "Cases": cases_rows()} | {sheet: []})
    assert _where(read_team(path)) == [(sheet, 1, None)]


def test_missing_required_column(tmp_path: Path) -> None:
    cases = [row[:2] + row[3:] for row in cases_rows()]  # no stage
    result = read_team(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert _where(result) == [("Cases", 1, "stage")]


def test_column_given_twice(tmp_path: Path) -> None:
    workers = [[*row, row[3]] for row in workers_rows()]
    workers[0][-1] = "FTE"
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers))
    assert _where(result) == [("Workers", 1, "fte")]


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "phrase"),
    [
        ("Workers", 2, "name", None, "blank"),
        ("Workers", 3, "fte", 1.5, "above 0 and at most 1"),
        ("Workers", 3, "fte", 0, "above 0 and at most 1"),
        ("Workers", 4, "role", "Manager", "is not a role"),
        ("Workers", 2, "court_cap", 1.5, "whole number"),
        ("Workers", 2, "court_cap", -1, "of 0 or more"),
        ("Cases", 2, "stage", "XYZ", "'XYZ' is not a stage; use ASSESSMENT, CIN, CP"),
        ("Cases", 3, "factors", "3A;8A", "'8A' is not a CIN census factor code"),
        ("Cases", 4, "referral_date", "04/05/26", "two-digit year"),
        ("Cases", 4, "referral_date", "31/02/2026", "not a real date"),
        ("Cases", 4, "referral_date", "May 4th", "not a date"),
        ("Cases", 5, "family_id", " ", "blank"),
    ],
)
def test_bad_cells(
    tmp_path: Path, sheet: str, row: int, column: str, value: object, phrase: str
) -> None:
    sheets = {"Workers": workers_rows(), "Cases": cases_rows()}
    _with(sheets[sheet], row - 1, column, value)
    result = read_team(team_workbook(tmp_path / "team.xlsx", **sheets))
    assert _where(result) == [(sheet, row, column)]
    assert phrase in result.errors[0].message


@pytest.mark.parametrize(
    ("column", "value"), [("capacity", -2), ("complexity", 0), ("complexity", "heavy")]
)
def test_optional_numbers_out_of_range(tmp_path: Path, column: str, value: object) -> None:
    sheet = "Workers" if column == "capacity" else "Cases"
    rows = {"Workers": workers_rows(), "Cases": cases_rows()}[sheet]
    rows = [[*r, None] for r in rows]
    rows[0][-1] = column
    rows[2][-1] = value
    result = read_team(team_workbook(tmp_path / "team.xlsx", **{sheet: rows}))
    assert _where(result) == [(sheet, 3, column)]


def test_bad_yes_no_and_bad_availability_dates(tmp_path: Path) -> None:
    workers = [[*r, None, None, None] for r in workers_rows()]
    workers[0][-3:] = ["accepting", "available_from", "available_to"]
    workers[1][-3:] = ["perhaps", None, None]
    workers[2][-3:] = [None, "01/12/2026", "01/11/2026"]
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers))
    assert _where(result) == [("Workers", 2, "accepting"), ("Workers", 3, "available_to")]


def test_duplicate_ids(tmp_path: Path) -> None:
    workers: Rows = [*workers_rows(), ["W2", "Other", "SW", 1, "North", None, None]]
    cases: Rows = [*cases_rows(), ["C3", "F9", "CIN", None, None, None, None]]
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases))
    assert _where(result) == [("Workers", 7, "worker_id"), ("Cases", 8, "child_id")]
    assert "also row 3" in result.errors[0].message
    assert "also row 4" in result.errors[1].message


def test_unknown_lead_and_pin_are_errors(tmp_path: Path) -> None:
    cases = [[*r, None] for r in cases_rows()]
    cases[0][-1] = "pin_worker_id"
    _with(cases, 3, "worker_id", "W99")
    cases[5][-1] = "Q1"
    result = read_team(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert _where(result) == [("Cases", 4, "worker_id"), ("Cases", 6, "pin_worker_id")]
    assert "'W99' is not a worker_id on the Workers sheet" in result.errors[0].message


def test_two_pins_in_one_family(tmp_path: Path) -> None:
    cases = [[*r, None] for r in cases_rows()]
    cases[0][-1] = "pin_worker_id"
    cases[5][-1] = "W1"
    cases[6][-1] = "W2"
    result = read_team(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert _where(result) == [("Cases", 7, "pin_worker_id")]
    assert "family F11 is pinned to two workers (W1, W2)" in result.errors[0].message


def test_new_case_without_team_when_there_are_two_teams(tmp_path: Path) -> None:
    workers = _with(workers_rows(), 3, "team", "South")
    cases = [[*r, None] for r in cases_rows()]
    cases[0][-1] = "team"
    cases[4][-1] = "North"
    cases[5][-1] = "West"
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases))
    assert _where(result) == [("Cases", 6, "team"), ("Cases", 7, "team")]
    assert "'West' is not a team" in result.errors[0].message
    assert "more than one team (North, South)" in result.errors[1].message


def test_worker_team_blank_when_two_teams(tmp_path: Path) -> None:
    workers = _with(_with(workers_rows(), 3, "team", "South"), 4, "team", None)
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers))
    # the Cases sheet has no team column, so its new cases cannot be placed either
    new_cases = [("Cases", row, "team") for row in (5, 6, 7)]
    assert _where(result) == [("Workers", 5, "team"), *new_cases]


def test_warnings_do_not_stop_the_import(tmp_path: Path) -> None:
    cases = [[*r, None, None] for r in cases_rows()]
    cases[0][-2:] = ["adult_worker_ids", "exclude_worker_ids"]
    _with(cases, 4, "previous_worker_id", "GONE1")
    cases[1][-2:] = ["A1; GONE2", None]
    cases[5][-2:] = [None, "W2, GONE3"]
    _with(cases, 2, "worker_id", "W2")  # F1's open children now with W1 and W2
    _with(cases, 3, "worker_id", "S1")  # an FSW holding an open case
    result = read_team(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert result.ok and result.data is not None
    assert _where(result, Severity.WARNING) == [
        ("Cases", 2, "adult_worker_ids"),
        ("Cases", 3, "worker_id"),
        ("Cases", 4, "worker_id"),
        ("Cases", 5, "previous_worker_id"),
        ("Cases", 6, "exclude_worker_ids"),
    ]


def test_bad_settings(tmp_path: Path) -> None:
    settings: Rows = [
        *settings_rows(),
        ["colour", "red"],
        ["target caseload", "lots"],
        ["week", "x"],
    ]
    settings += [["court_cap", None]]
    result = read_team(team_workbook(tmp_path / "team.xlsx", Settings=settings))
    assert _where(result) == [
        ("Settings", 4, "key"),
        ("Settings", 5, "value"),
        ("Settings", 6, "key"),
        ("Settings", 7, "key"),
    ]
    assert "'colour' is not a setting" in result.errors[0].message
    assert "target caseload: 'lots' is not a number" in result.errors[1].message


def test_every_problem_in_one_pass(tmp_path: Path) -> None:
    workers = _with(_with(workers_rows(), 1, "fte", 2), 2, "role", "boss")
    cases = _with(_with(cases_rows(), 1, "stage", "XYZ"), 4, "factors", "16B")
    _with(cases, 5, "worker_id", "W42")
    _with(cases, 6, "referral_date", "31/02/2026")
    settings: Rows = [*settings_rows(), ["max_load_ratio", "-1"]]
    result = read_team(
        team_workbook(tmp_path / "team.xlsx", Workers=workers, Cases=cases, Settings=settings)
    )
    assert result.data is None
    assert _where(result) == [
        ("Workers", 2, "fte"),
        ("Workers", 3, "role"),
        ("Cases", 2, "stage"),
        ("Cases", 5, "factors"),
        ("Cases", 6, "worker_id"),
        ("Cases", 7, "referral_date"),
        ("Settings", 4, "value"),
    ]


def test_failed_worker_rows_do_not_cascade_into_unknown_references(tmp_path: Path) -> None:
    workers = _with(workers_rows(), 1, "fte", "full")  # W1's row fails
    result = read_team(team_workbook(tmp_path / "team.xlsx", Workers=workers))
    assert _where(result) == [("Workers", 2, "fte")]


def test_folder_without_csv_files(tmp_path: Path) -> None:
    result = read_team(tmp_path)
    assert result.data is None
    assert _where(result) == [("Workers", None, None), ("Cases", None, None)]
