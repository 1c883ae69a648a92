"""Regression tests for the inputs that fuzzing (`test_import_fuzz.py`) found crashing or accepted.

Each test is one exact input: the reader must report it as a problem naming the sheet,
the row and the column (never raise), and `validate` must exit 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_files import cases_rows, csv_folder, write_csv

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
