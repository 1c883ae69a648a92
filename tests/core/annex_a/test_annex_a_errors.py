"""Every Annex A error of the contract: exit 2, sheet, row and column named, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from annex_builders import row6, write_annex

from fsp_allocator.cli.main import main

TEAM = "FSP Banbury"
GOOD = row6(1, "c) Child in need plan")


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], annex: Path, *extra: str) -> str:
    out = tmp_path / "team.xlsx"
    db = tmp_path / "ws.sqlite"
    status = main(["import-annex-a", str(annex), "--team", TEAM, "--out", str(out), *extra])
    assert status == 2
    assert not out.exists()
    errors = capsys.readouterr().err
    assert (
        main(["workspace", "import-annex-a", str(annex), "--team", TEAM, "--db", str(db), *extra])
        == 2
    )
    assert not db.exists()  # nothing written: not even an empty workspace
    capsys.readouterr()
    return errors


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        ({"Children in need": [GOOD]}, "has no List 6 sheet"),
        ({"List 6": [GOOD], "List 7": []}, "sheet List 7, column Child Unique ID: no row of"),
        (
            {"List 6": [GOOD, row6(2, "f) Open case")]},
            "sheet List 6, row 5, column Case Status: 'f) Open case' is not an Annex A case status",
        ),
        (
            {"List 6": [GOOD], "List 8": [[1, "No", "X9", None, TEAM, "Sam Lee"]]},
            "sheet List 8, row 4, column Child's Legal Status: 'X9' is not a looked-after legal",
        ),
        (
            {"List 6": [GOOD], "List 7": [[1, "WBRI", TEAM, "Sam Lee", "next week"]]},
            "sheet List 7, row 4, column Child Protection Plan End Date: 'next week' is not a date",
        ),
        (
            {"List 6": [GOOD, row6(3, "c) Child in need plan", started="31/02/2026")]},
            "sheet List 6, row 5, column CIN Start Date: '31/02/2026' is not a real date",
        ),
        (
            {"List 6": [GOOD], "List 3": [[1, 9, "1/2/26"]]},
            "sheet List 3, row 4, column Date of referral: '1/2/26' has a two-digit year",
        ),
        (
            {"List 6": [GOOD, row6(1, "b) Child Protection plan")]},
            "sheet List 6, row 5, column Case Status: child 1 is listed again (first at row 4)",
        ),
        (
            {"List 6": [row6(1, "c) Child in need plan", team="FSP Witney")]},
            "no child is in the team 'FSP Banbury'; the teams found are: FSP Witney",
        ),
    ],
    ids=[
        "no-list-6",
        "no-child-id-header",
        "case-status",
        "legal-status",
        "date",
        "impossible-date",
        "two-digit-year",
        "two-statuses",
        "team-matches-nothing",
    ],
)
def test_each_error_is_located_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lists: dict, expected: str
) -> None:
    annex = write_annex(tmp_path / "annex.xlsx", lists)
    if "List 7" in lists and not lists["List 7"]:  # a List 7 with no Child Unique ID header
        from openpyxl import load_workbook

        book = load_workbook(annex)
        book["List 7"]["A3"] = "Child ID"
        book.save(annex)
    assert expected in _run(tmp_path, capsys, annex)


def test_a_missing_column_is_named_at_the_header_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annex = write_annex(
        tmp_path / "annex.xlsx",
        {"List 6": [[1, "c) Child in need plan"]]},
        headers={"List 6": ("Child Unique ID", "Case Status")},
    )
    errors = _run(tmp_path, capsys, annex)
    assert (
        "sheet List 6, row 3, column Allocated Team: the column 'Allocated Team' is missing"
        in errors
    )


def test_a_families_row_naming_an_unknown_child_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    families = tmp_path / "families.csv"
    families.write_text("child_id,family_id\n1,F1\n404,F1\n", encoding="utf-8")
    annex = write_annex(tmp_path / "annex.xlsx", {"List 6": [GOOD]})
    errors = _run(tmp_path, capsys, annex, "--families", str(families))
    assert "sheet families.csv, row 3, column child_id: child 404 is in no list" in errors


def test_every_problem_is_listed_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annex = write_annex(
        tmp_path / "annex.xlsx",
        {
            "List 6": [
                GOOD,
                row6(2, "nonsense"),
                row6(3, "c) Child in need plan", started="soon"),
            ]
        },
    )
    errors = _run(tmp_path, capsys, annex)
    assert "row 5, column Case Status" in errors and "row 6, column CIN Start Date" in errors
    assert "2 problem(s) to fix; nothing was written" in errors
