"""Regression tests for the inputs that fuzzing (`test_import_fuzz.py`) found crashing or accepted.

Each test is one exact input: the reader must report it as a problem naming the sheet,
the row and the column (never raise), and `validate` must exit 2.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from import_files import Rows, cases_rows, csv_folder, team_workbook, workers_rows, write_csv

from fsp_allocator.allocation.service import propose
from fsp_allocator.cli.main import main
from fsp_allocator.workbook.reader import read_team


def _errors(path: Path) -> list[str]:
    result = read_team(path)
    assert result.data is None
    return [str(problem) for problem in result.errors]


def test_csv_cell_longer_than_the_csv_limit_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """csv.Error "field larger than field limit" used to escape read_team."""
    cases = cases_rows()
    cases.append(["C99", "F99", "CIN", None, None, None, "x" * 200_000])
    folder = csv_folder(tmp_path)
    write_csv(folder / "Cases.csv", cases, "utf-8", ",")
    errors = _errors(folder)
    assert len(errors) == 1
    assert errors[0].startswith("sheet Cases, row 8: Cases.csv cannot be read as CSV")
    assert "never closed" in errors[0]
    assert main(["validate", str(folder)]) == 2
    assert "unexpected error" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("key", "value", "rule"),
    [
        # OverflowError (int of infinity) escaped read_team
        ("court_cap", "inf", "a whole number of 0 or more and at most 1000"),
        # accepted, then propose failed converting NaN to an integer
        ("weight_factor_1B", "nan", "a number of 0 or more and at most 1000"),
        # accepted, then propose raised OverflowError
        ("target_caseload", "inf", "a number above 0 and at most 1000"),
        ("weight_CIN", "Infinity", "a number above 0 and at most 1000"),
        # accepted, then the solver refused coefficients beyond 64 bits (TypeError)
        ("max_load_ratio", "1e17", "a number above 0 and at most 1000"),
        ("sibling_discount", 1e17, "a number above 0 and at most 1000"),
        ("adult_capacity_DA", "1e400", "a number above 0 and at most 1000"),
    ],
)
def test_settings_must_be_finite_and_of_a_sensible_size(
    tmp_path: Path, key: str, value: object, rule: str
) -> None:
    settings: Rows = [["key", "value"], ["week", "23/11/2026"], [key, value]]
    path = team_workbook(tmp_path / "team.xlsx", Settings=settings)
    assert _errors(path) == [
        f"sheet Settings, row 3, column value: {key}: '{value}' must be {rule}"
    ]
    assert main(["validate", str(path)]) == 2


def test_settings_at_the_limit_are_accepted_and_allocated(tmp_path: Path) -> None:
    """1000 is the largest setting; the engine still computes with every setting there."""
    settings: Rows = [["key", "value"], ["week", "23/11/2026"]]
    settings += [[key, 1000] for key in ("target_caseload", "max_load_ratio", "court_cap")]
    settings += [[key, 1000] for key in ("asye_capacity_ratio", "atm_capacity_ratio")]
    settings += [["sibling_discount", 1000], ["weight_CP", 1000], ["weight_factor_3B", 1000]]
    result = read_team(team_workbook(tmp_path / "team.xlsx", Settings=settings))
    assert result.data is not None, [str(p) for p in result.errors]
    proposal = propose(result.data)
    given_out = {a.child_id for a in proposal.allocations} | {
        u.child_id for u in proposal.unallocated
    }
    assert given_out == {c.child_id for c in result.data.children if c.is_new}


@pytest.mark.parametrize(
    ("sheet", "column", "value", "rule"),
    [
        # accepted, then propose raised OverflowError (1e308 in hundredths is infinity)
        ("Workers", "capacity", 1e308, "a number of 0 or more and at most 1000"),
        ("Cases", "complexity", 1e308, "a number above 0 and at most 1000"),
        # accepted, then the solver refused coefficients beyond 64 bits (TypeError)
        ("Cases", "complexity", 1e17, "a number above 0 and at most 1000"),
        ("Workers", "court_cap", 10**20, "a whole number of 0 or more and at most 1000"),
    ],
)
def test_capacity_complexity_and_court_cap_of_a_sensible_size(
    tmp_path: Path, sheet: str, column: str, value: float, rule: str
) -> None:
    rows = {"Workers": workers_rows(), "Cases": cases_rows()}[sheet]
    if column not in rows[0]:
        rows = [[*row, None] for row in rows]
        rows[0][-1] = column
    rows[2][rows[0].index(column)] = value
    path = team_workbook(tmp_path / "team.xlsx", **{sheet: rows})
    (error,) = _errors(path)
    assert error.startswith(f"sheet {sheet}, row 3, column {column}: '")
    assert error.endswith(f"' is out of range; it must be {rule}")
    assert main(["validate", str(path)]) == 2


def test_integer_too_large_for_a_float_is_out_of_range(tmp_path: Path) -> None:
    """A crafted cell `<v>1000…0</v>` (400 digits) is an int openpyxl gives as is; float()
    of it raised OverflowError out of read_team."""
    rows = [[*row, None] for row in workers_rows()]
    rows[0][-1], rows[2][-1] = "capacity", 123456789
    path = team_workbook(tmp_path / "team.xlsx", Workers=rows)
    _replace_in_zip(path, b"<v>123456789</v>", b"<v>1" + b"0" * 400 + b"</v>")
    (error,) = _errors(path)
    assert error.startswith("sheet Workers, row 3, column capacity: '1000")
    assert error.endswith("' is out of range; it must be a number of 0 or more and at most 1000")


def _replace_in_zip(path: Path, old: bytes, new: bytes) -> None:
    """Rewrite the .xlsx at `path` with `old` replaced by `new` in every member."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data.replace(old, new))


def test_two_sheets_whose_names_match_are_refused(tmp_path: Path) -> None:
    """'Cases' and 'Cases ' are one name once trimmed: the last one used to win silently."""
    path = team_workbook(tmp_path / "team.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Cases ").append(["child_id", "family_id", "stage"])
    book.save(path)
    assert _errors(path) == [
        "sheet Cases : two sheets are named 'Cases' and 'Cases '; FSP Allocator cannot tell "
        "which to read, so rename or delete one"
    ]


def test_a_date_serial_out_of_range_is_reported_at_the_cell_without_openpyxl_warnings(
    tmp_path: Path,
) -> None:
    import warnings

    from openpyxl import load_workbook

    from fsp_allocator.demo import generate
    from fsp_allocator.workbook.reader import read_team
    from fsp_allocator.workbook.writer import write_team

    path = tmp_path / "team.xlsx"
    write_team(generate(teams=1, seed=1, week=date(2026, 11, 23)), path)
    book = load_workbook(path)
    cases = book["Cases"]
    column = [c.value for c in cases[1]].index("referral_date") + 1
    cases.cell(row=2, column=column).value = 10**9
    cases.cell(row=2, column=column).number_format = "yyyy-mm-dd"
    book.save(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read_team(path)
    assert [str(w.message) for w in caught] == []
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [("Cases", 2, "referral_date")]
