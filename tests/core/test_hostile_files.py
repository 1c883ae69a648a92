"""Issue 14: hostile and broken files are refused with what is really wrong, in bounded work.

Every crafted file is generated here (see `hostile_files` and `import_files`). Each test
failed before the change it covers: the file was read for minutes, or misread in silence.
"""

from __future__ import annotations

import codecs
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hostile_files import lying_sizes, million_row_workbook, raw_xlsx, wide_workbook, zip_bomb
from import_files import (
    Rows,
    cases_rows,
    csv_folder,
    settings_rows,
    team_workbook,
    workers_rows,
    write_csv,
)

from fsp_allocator.cli.main import main
from fsp_allocator.workbook.reader import read_team


def _errors(path: Path) -> list[str]:
    result = read_team(path)
    assert result.data is None, "the file was accepted"
    return [str(problem) for problem in result.errors]


def _one_error(path: Path) -> str:
    errors = _errors(path)
    assert len(errors) == 1, errors
    return errors[0]


# --- limits -------------------------------------------------------------------------------


def test_a_sheet_over_100000_rows_is_refused_naming_the_limit(tmp_path: Path) -> None:
    """The 15 MB million-row file was 'valid' with 1,048,016 new children."""
    path = million_row_workbook(tmp_path / "rows.xlsx", 100_001)
    message = _one_error(path)
    assert "more than 100,000 rows" in message
    assert "Cases" in message


def test_a_header_over_1000_columns_is_refused(tmp_path: Path) -> None:
    message = _one_error(wide_workbook(tmp_path / "wide.xlsx", 1001))
    assert "1,001 columns" in message and "1,000" in message


def test_a_csv_over_100000_rows_is_refused(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path / "team")
    rows: Rows = [["child_id", "family_id", "stage"]]
    rows += [[f"C{n}", f"F{n}", "CIN"] for n in range(100_001)]
    write_csv(folder / "Cases.csv", rows, "utf-8", ",")
    message = _one_error(folder)
    assert "Cases.csv" in message and "more than 100,000 rows" in message


def test_a_zip_bomb_under_the_file_size_limit_is_refused_unopened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A few hundred KB that unpack past the budget: refused by the streaming count."""
    path = zip_bomb(tmp_path / "bomb.xlsx", 101 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    assert "unpacks to more than 100 MB" in _one_error(path)
    assert main(["validate", str(path)]) == 2
    assert "unexpected error" not in capsys.readouterr().err


def test_a_zip_whose_directory_lies_about_sizes_is_damaged(tmp_path: Path) -> None:
    assert "damaged" in _one_error(lying_sizes(tmp_path / "liar.xlsx"))


def test_only_the_teams_sheets_are_read(tmp_path: Path) -> None:
    """A huge notes sheet beside the team costs nothing and is never an error."""
    path = team_workbook(tmp_path / "team.xlsx")
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("Notes")
    notes.cell(row=1, column=2000, value="wide")  # past the column limit, but not read
    book.save(path)
    assert read_team(path).ok


# --- look-alike ids and names ---------------------------------------------------------------


def _workers_with(*ids: str) -> Rows:
    rows = workers_rows()
    for index, worker_id in enumerate(ids):
        rows.append([worker_id, f"Person {index}", "SW", 1, "North", None, None])
    return rows


@pytest.mark.parametrize(
    ("hidden", "name"),
    [("\u200b", "U+200B ZERO WIDTH SPACE"), ("\u200f", "U+200F RIGHT-TO-LEFT MARK")],
)
def test_an_id_with_an_invisible_character_is_an_error_at_its_cell(
    tmp_path: Path, hidden: str, name: str
) -> None:
    path = team_workbook(tmp_path / "team.xlsx", Workers=_workers_with(f"W1{hidden}"))
    message = _one_error(path)
    assert message.startswith("sheet Workers, row 7, column worker_id:")
    assert name in message


def test_a_pin_to_an_invisible_twin_is_an_error(tmp_path: Path) -> None:
    cases = cases_rows()
    cases[0].append("pin_worker_id")
    cases[4].append("W1\u200b")
    errors = _errors(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert any("row 5, column pin_worker_id" in e and "U+200B" in e for e in errors)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("t01-w01", "T01-W01"),  # case
        ("t01-w01", "t01\u2010w01"),  # a Unicode hyphen
        ("t01-w01", "t01\u2212w01"),  # a minus sign
        ("Ren\u00e9", "Rene\u0301"),  # composed and decomposed é
    ],
)
def test_ids_that_differ_only_by_case_or_a_look_alike_are_an_error_naming_both(
    tmp_path: Path, first: str, second: str
) -> None:
    path = team_workbook(tmp_path / "team.xlsx", Workers=_workers_with(first, second))
    message = _one_error(path)
    assert message.startswith("sheet Workers, row 8, column worker_id:")
    assert "also row 7" in message


def test_child_ids_that_differ_only_by_case_are_an_error(tmp_path: Path) -> None:
    cases = cases_rows()
    cases.append(["c11", "F12", "CIN", None, None, None, None])
    message = _one_error(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert "row 8, column child_id" in message and "C11" in message and "also row 6" in message


def test_family_ids_that_differ_only_by_case_are_an_error(tmp_path: Path) -> None:
    cases = cases_rows()
    cases.append(["C13", "f11", "CIN", None, None, None, None])
    message = _one_error(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert "row 8, column family_id" in message and "F11" in message and "row 6" in message


def test_ids_are_stored_in_nfc(tmp_path: Path) -> None:
    path = team_workbook(tmp_path / "team.xlsx", Workers=_workers_with("Rene\u0301"))
    result = read_team(path)
    assert result.data is not None
    assert "Ren\u00e9" in {w.worker_id for w in result.data.workers}


def test_sheets_whose_names_differ_only_by_case_are_an_error_naming_both(tmp_path: Path) -> None:
    """openpyxl and Excel never write such a file, but another program may."""
    path = raw_xlsx(
        tmp_path / "team.xlsx",
        {"Workers": workers_rows, "cases": lambda: cases_rows()[:3], "Cases": cases_rows},
    )
    message = _errors(path)[0]
    assert "'cases'" in message and "'Cases'" in message


def test_csv_files_whose_names_differ_only_by_case_are_an_error_naming_both(
    tmp_path: Path,
) -> None:
    folder = csv_folder(tmp_path / "team")
    write_csv(folder / "CASES.csv", cases_rows()[:3], "utf-8", ",")
    message = _one_error(folder)
    assert "CASES.csv" in message and "Cases.csv" in message


# --- encodings --------------------------------------------------------------------------


def _team_with_names(folder: Path, encoding: str, names: tuple[str, str]) -> Path:
    csv_folder(folder)
    rows = workers_rows()
    rows[1][1], rows[2][1] = names
    write_csv(folder / "Workers.csv", rows, encoding, ",")
    return folder


def test_a_latin2_csv_is_refused_by_name(tmp_path: Path) -> None:
    """It used to be read as mojibake ('£ucja W¹sowska') without a word."""
    folder = _team_with_names(tmp_path / "t", "iso-8859-2", ("Łucja Wąsowska", "Zażółć Gęślą"))
    message = _one_error(folder)
    assert "Workers.csv" in message and "Latin-2" in message and "CSV UTF-8" in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_read(tmp_path: Path, encoding: str) -> None:
    """It gave nine 'required column missing' errors."""
    folder = _team_with_names(tmp_path / "t", encoding, ("Zoë Brontë", "Łucja Wąsowska"))
    result = read_team(folder)
    assert result.errors == ()
    assert result.data is not None
    assert {"Zoë Brontë", "Łucja Wąsowska"} <= {w.name for w in result.data.workers}


def test_a_windows1252_csv_is_read(tmp_path: Path) -> None:
    folder = _team_with_names(tmp_path / "t", "cp1252", ("José Müller", "Siân O’Neill"))
    result = read_team(folder)
    assert result.errors == ()
    assert result.data is not None
    assert {"José Müller", "Siân O’Neill"} <= {w.name for w in result.data.workers}


def test_a_utf32_csv_is_refused_by_name(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path / "t")
    (folder / "Workers.csv").write_bytes(codecs.BOM_UTF32_LE + "worker_id".encode("utf-32-le"))
    assert "UTF-32" in _one_error(folder)


# --- cells that are not what they seem ------------------------------------------------------


def test_merged_data_cells_are_an_error_not_blank(tmp_path: Path) -> None:
    path = team_workbook(tmp_path / "team.xlsx")
    book = openpyxl.load_workbook(path)
    book["Cases"].merge_cells("B2:B3")
    book.save(path)
    errors = _errors(path)
    assert "sheet Cases, row 2: the cells B2:B3 are merged" in errors[0]
    assert "unmerge them" in errors[0]


def test_a_formula_without_a_saved_value_says_open_and_save_in_excel(tmp_path: Path) -> None:
    path = team_workbook(tmp_path / "team.xlsx")
    book = openpyxl.load_workbook(path)
    book["Cases"]["B5"] = '=CONCAT("F", 10)'  # openpyxl saves no value for a formula
    book.save(path)
    message = _errors(path)[0]
    assert message.startswith("sheet Cases, row 5: cell B5 holds a formula with no saved value")
    assert "open the file in Excel, save it" in message


def test_an_out_of_range_date_serial_says_so(tmp_path: Path) -> None:
    """It was "'#VALUE!' is not a date"."""
    path = team_workbook(tmp_path / "team.xlsx")
    book = openpyxl.load_workbook(path)
    cell = book["Cases"]["G2"]
    cell.value = 99_999_999
    cell.number_format = "dd/mm/yyyy"
    book.save(path)
    message = _one_error(path)
    assert message.startswith("sheet Cases, row 2, column referral_date:")
    assert "99999999" in message and "#VALUE!" not in message


@pytest.mark.parametrize("written", ["0001-01-01", "9999-12-31", "31/12/1989", "01/01/2101"])
def test_dates_outside_1990_to_2100_are_refused(tmp_path: Path, written: str) -> None:
    cases = cases_rows()
    cases[4][6] = written
    message = _one_error(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert "row 5, column referral_date" in message and "1990 to 2100" in message


def test_a_real_excel_date_outside_the_range_is_refused(tmp_path: Path) -> None:
    cases = cases_rows()
    cases[4][6] = datetime(1900, 3, 1)
    message = _one_error(team_workbook(tmp_path / "team.xlsx", Cases=cases))
    assert "1990 to 2100" in message


def test_settings_week_outside_the_range_is_refused(tmp_path: Path) -> None:
    settings = settings_rows()
    settings[1][1] = "01/01/2200"
    errors = _errors(team_workbook(tmp_path / "team.xlsx", Settings=settings))
    assert any("1990 to 2100" in e for e in errors)
