"""The blank template: the committed file is what the generator makes, and the reader takes it."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook

from fsp_allocator.paths import resource_path
from fsp_allocator.settings import default_settings
from fsp_allocator.workbook.columns import CASES_SPEC, WORKERS_SPEC
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workbook.template import (
    ABOUT_SHEET,
    CASE_DOCS,
    TEMPLATE_NAME,
    WORKER_DOCS,
    build_template,
)
from fsp_allocator.workbook.writer import CASE_COLUMNS, WORKER_COLUMNS

WEEK = date(2026, 11, 23)
COMMITTED = resource_path(TEMPLATE_NAME)


def _values(book: Workbook) -> dict[str, list[tuple[object, ...]]]:
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_committed_template_is_what_the_generator_makes() -> None:
    buffer = io.BytesIO()
    build_template().save(buffer)
    fresh = load_workbook(io.BytesIO(buffer.getvalue()))
    committed = load_workbook(COMMITTED)
    assert committed.sheetnames == fresh.sheetnames
    assert _values(committed) == _values(fresh), (
        "resources/team_template.xlsx is stale: run python -m fsp_allocator.workbook.template"
    )


def test_template_has_headers_only_and_the_default_settings() -> None:
    book = load_workbook(COMMITTED)
    assert book.sheetnames == [ABOUT_SHEET, "Workers", "Cases", "Settings"]
    assert [c.value for c in book["Workers"][1]] == list(WORKER_COLUMNS)
    assert [c.value for c in book["Cases"][1]] == list(CASE_COLUMNS)
    assert book["Workers"].max_row == 1 and book["Cases"].max_row == 1
    settings = {row[0]: row[1] for row in book["Settings"].iter_rows(min_row=2, values_only=True)}
    assert settings["target_caseload"] == 15
    assert settings["court_cap"] == 3
    assert settings["adult_capacity_SM"] == 18
    assert "week" not in settings  # blank week = today, as the spec says


def test_about_sheet_explains_every_column() -> None:
    assert tuple(WORKER_DOCS) == WORKER_COLUMNS
    assert tuple(CASE_DOCS) == CASE_COLUMNS
    rows = list(load_workbook(COMMITTED)[ABOUT_SHEET].iter_rows(values_only=True))
    settings_keys = {r[1] for r in rows if r[0] == "Settings"}
    assert {"week", "target_caseload", "court_cap", "weight_<STAGE>"} <= settings_keys
    documented = {(r[0], r[1]): r[2:] for r in rows if r[0] in ("Workers", "Cases")}
    required = {"Workers": WORKERS_SPEC.required, "Cases": CASES_SPEC.required}
    expected = [("Workers", c) for c in WORKER_COLUMNS] + [("Cases", c) for c in CASE_COLUMNS]
    assert list(documented) == expected
    for (sheet, column), (is_required, kind, meaning, _example) in documented.items():
        assert is_required == ("yes" if column in required[sheet] else "no")
        assert kind and meaning


def test_reader_finds_only_the_empty_sheets() -> None:
    result = read_team(COMMITTED, week=WEEK)
    assert result.data is None
    assert {p.sheet for p in result.errors} == {"Workers", "Cases"}
    assert all("no rows" in p.message for p in result.problems)


def test_a_filled_in_template_reads_with_the_default_settings(tmp_path: Path) -> None:
    path = tmp_path / "team.xlsx"
    shutil.copy(COMMITTED, path)
    book = load_workbook(path)
    book["Workers"].append(["W1", "Sam Lee", "SW", 1])
    book["Cases"].append(["C1", "F1", "CIN", None])
    book["Cases"].append(["C2", "F2", "CP", "W1"])
    book.save(path)
    result = read_team(path, week=WEEK)
    assert result.errors == ()
    assert result.data is not None
    assert result.data.settings == default_settings(WEEK)
    assert [c.child_id for c in result.data.new_children()] == ["C1"]
