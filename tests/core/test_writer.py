"""The team workbook writer: what it writes reads back as the same data, text never a formula."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest
from openpyxl import load_workbook

from fsp_allocator.demo import generate
from fsp_allocator.domain import Stage, TeamData, WorkerId
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workbook.writer import (
    CASE_COLUMNS,
    WORKER_COLUMNS,
    csv_text,
    write_team,
    write_team_csv,
)

WEEK = date(2026, 11, 23)
# The reader trims spaces, so tab and CR (also guarded) are checked apart, not round-tripped.
RISKY = ("=1+2", "+44 1865", "-3", "@SUM(A1)", "#N/A", '=HYPERLINK("http://x","y")')


def _with_awkward_values(data: TeamData) -> TeamData:
    """Demo data whose text includes formula-like values and extra columns."""
    workers = list(data.workers)
    for i, risky in enumerate(RISKY):
        workers[i] = replace(
            workers[i],
            name=risky,
            locality=risky,
            extra=MappingProxyType({"Staff note": risky, "Grade": "P2"}),
        )
    children = list(data.children)
    children[0] = replace(children[0], locality="=cmd|' /C calc'!A0", needs=("-teen", "@home"))
    children[1] = replace(children[1], extra=MappingProxyType({"LA ref": "=A1"}))
    return TeamData(tuple(workers), tuple(children), data.settings)


def _sheet_xml(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        return [archive.read(n).decode("utf-8") for n in names]


def test_round_trip_gives_the_same_team(tmp_path: Path) -> None:
    data = _with_awkward_values(generate(teams=2, seed=4, week=WEEK))
    path = tmp_path / "team.xlsx"
    write_team(data, path)
    result = read_team(path)
    assert result.errors == ()
    assert result.data is not None
    assert result.data.workers == data.workers
    assert result.data.children == data.children
    assert result.data.settings == data.settings
    assert [dict(w.extra) for w in result.data.workers] == [dict(w.extra) for w in data.workers]
    assert dict(result.data.children[1].extra) == {"LA ref": "=A1"}


def test_formula_like_text_is_stored_as_text_never_a_formula(tmp_path: Path) -> None:
    data = _with_awkward_values(generate(seed=4, week=WEEK))
    path = tmp_path / "team.xlsx"
    write_team(data, path)
    for xml in _sheet_xml(path):
        assert re.search(r"<f[ >/]", xml) is None
    sheet = load_workbook(path)["Workers"]
    headers = [c.value for c in sheet[1]]
    names = [sheet.cell(row=r, column=headers.index("name") + 1) for r in range(2, 8)]
    assert [c.value for c in names] == list(RISKY)
    assert all(c.data_type == "s" for c in names)
    assert [c.quotePrefix for c in names] == [True, True, True, True, False, True]


def test_sheet_layout_dates_lists_and_yes_no(tmp_path: Path) -> None:
    data = generate(seed=2, week=WEEK)
    path = tmp_path / "team.xlsx"
    write_team(data, path)
    book = load_workbook(path)
    assert book.sheetnames == ["Workers", "Cases", "Settings"]
    workers, cases = book["Workers"], book["Cases"]
    assert [c.value for c in workers[1]] == list(WORKER_COLUMNS)
    assert [c.value for c in cases[1]] == list(CASE_COLUMNS)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    assert {workers.cell(row=r, column=6).value for r in range(2, workers.max_row + 1)} <= {
        "yes",
        "no",
    }
    referral = cases.cell(row=2, column=CASE_COLUMNS.index("referral_date") + 1)
    assert referral.is_date
    assert referral.value.date() == data.children[0].referral_date
    factors = [c.value for c in cases["F"][1:] if c.value]
    assert any(";" in text for text in factors)
    week = book["Settings"]["B2"]
    assert book["Settings"]["A2"].value == "week" and week.is_date


def test_settings_only_changed_writes_the_week_and_the_changes(tmp_path: Path) -> None:
    data = generate(seed=2, week=WEEK)
    weights = dict(data.settings.stage_weights)
    weights[Stage.COURT] = 3.0
    changed = replace(data, settings=replace(data.settings, court_cap=2, stage_weights=weights))
    path = tmp_path / "team.xlsx"
    write_team(changed, path, settings_only_changed=True)
    rows = [(r[0].value, r[1].value) for r in load_workbook(path)["Settings"].iter_rows(min_row=2)]
    assert [key for key, _ in rows] == ["week", "court_cap", "weight_COURT"]
    result = read_team(path)
    assert result.data is not None
    assert result.data.settings == changed.settings


def test_writing_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "team.xlsx"
    path.write_text("old content")
    write_team(generate(seed=1, week=WEEK), path)
    assert zipfile.is_zipfile(path)
    assert [p.name for p in tmp_path.iterdir()] == ["team.xlsx"]


def test_csv_folder_round_trip_and_formula_guard(tmp_path: Path) -> None:
    data = generate(seed=6, week=WEEK)
    write_team_csv(data, tmp_path / "csv")
    result = read_team(tmp_path / "csv")
    assert result.errors == ()
    assert result.data is not None
    assert (result.data.workers, result.data.children) == (data.workers, data.children)
    assert result.data.settings == data.settings
    assert csv_text("=1+2") == "'=1+2"
    assert csv_text(WorkerId("T01-W01")) == "T01-W01"
    assert csv_text(WEEK) == "2026-11-23"
    assert csv_text(None) == ""


@pytest.mark.parametrize("text", ["=x", "+x", "-x", "@x", "\tx", "\rx"])
def test_every_formula_trigger_is_guarded(tmp_path: Path, text: str) -> None:
    data = generate(seed=1, week=WEEK)
    worker = replace(data.workers[0], locality=text)
    path = tmp_path / "team.xlsx"
    write_team(replace(data, workers=(worker, *data.workers[1:])), path)
    cell = load_workbook(path)["Workers"].cell(row=2, column=WORKER_COLUMNS.index("locality") + 1)
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert all(re.search(r"<f[ >/]", xml) is None for xml in _sheet_xml(path))
