"""The result files: the spec's JSON keys and shape, and the printable workbook.

The proposal comes from `assemble` with a hand-written solver `Solution`, so these tests
need no search and check the files against figures known here.
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from test_allocation_builders import child, team_data, worker
from test_allocation_reasons import open_loads, solved

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import Role, Stage, WorkerId
from fsp_allocator.result.excel_writer import write_excel
from fsp_allocator.result.json_writer import result_dict, write_json
from fsp_allocator.result.load_bands import BAND_COLOURS, LoadBand, band

NASTY = '=HYPERLINK("http://x","y")'


def sample() -> AllocationProposal:
    workers = [worker("W1"), worker("W2", court_cap=1), worker("A1", Role.DA)]
    kids = [
        *open_loads("W2", 14),
        *open_loads("W2", 1, Stage.COURT, "K"),
        child(NASTY, "F1", Stage.CP, factors=("3B",)),
        child("+C2", "F1"),
        child("C3", "@F3", Stage.PLO),
    ]
    data = team_data(workers, kids)
    return solved(data, {"F1": "W1", "@F3": None}, {"F1": ("A1",)})


def test_json_has_exactly_the_spec_keys(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    write_json(sample(), path)
    result = json.loads(path.read_text(encoding="utf-8"))
    assert set(result) == {
        "status",
        "week",
        "solve_seconds",
        "objective",
        "bound",
        "allocations",
        "unallocated",
        "workload",
        "warnings",
    }
    assert result["week"] == "2026-11-23" and result["status"] == "OPTIMAL"
    first = result["allocations"][0]
    assert set(first) == {
        "child_id",
        "family_id",
        "worker_id",
        "adult_worker_ids",
        "continuity",
        "weight",
        "reasons",
    }
    assert (first["child_id"], first["worker_id"], first["adult_worker_ids"]) == (
        NASTY,
        "W1",
        ["A1"],
    )
    assert result["unallocated"][0].keys() == {"child_id", "family_id", "reason"}
    assert set(result["workload"][0]) == {
        "worker_id",
        "capacity",
        "children_before",
        "children_after",
        "load_before",
        "load_after",
        "court_before",
        "court_after",
    }
    assert [w["worker_id"] for w in result["workload"]] == ["W1", "W2", "A1"]
    assert result == result_dict(sample())


def test_workbook_sheets_headers_print_settings_and_colours(tmp_path: Path) -> None:
    path = tmp_path / "result.xlsx"
    write_excel(sample(), path)
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "Allocations", "Workload", "Unallocated"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Children allocated"] == 2 and summary["Children unallocated"] == 1
    assert summary["Team"] == "North" and summary["Status"] == "OPTIMAL"
    assert summary["Workers over capacity"] == "1: Name W2"
    for name in ("Allocations", "Workload", "Unallocated"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
    allocations = book["Allocations"]
    assert allocations["E2"].value == "Name W1"  # name beside the id
    workload = book["Workload"]
    headers = [c.value for c in workload[1]]
    after = headers.index("% of capacity after") + 1
    court = headers.index("Court after") + 1
    w2 = workload.cell(row=3, column=after)
    assert w2.number_format == "0%" and w2.value > 1.0
    assert w2.fill.fgColor.rgb.endswith(BAND_COLOURS[LoadBand.OVER].fill)
    assert workload.cell(row=2, column=after).fill.fgColor.rgb.endswith(
        BAND_COLOURS[LoadBand.ROOM].fill
    )
    assert workload.cell(row=3, column=court).value == "1 of 1"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "result.xlsx"
    write_excel(sample(), path)
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    values = [c.value for row in book["Allocations"].iter_rows() for c in row]
    assert NASTY in values and "+C2" in values
    assert "@F3" in [c.value for row in book["Unallocated"].iter_rows() for c in row]


def test_bands_at_their_thresholds() -> None:
    assert band(0.85) is LoadBand.ROOM
    assert band(0.86) is LoadBand.NEAR_FULL and band(1.0) is LoadBand.NEAR_FULL
    assert band(1.01) is LoadBand.OVER


def test_json_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    proposal = sample()
    target = tmp_path / "missing-dir-is-created" / "r.json"
    write_json(proposal, target)
    assert target.exists()
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]
    assert WorkerId("W1") in {a.worker_id for a in proposal.allocations}


def test_the_workload_sheet_has_a_chart_of_load_against_capacity_with_100_percent(
    tmp_path: Path,
) -> None:
    """Issue 15: the Excel sheet had no picture of the balance the app shows."""
    from fsp_allocator.allocation.service import propose
    from fsp_allocator.demo import generate

    proposal = propose(generate(teams=1, seed=1))
    path = tmp_path / "r.xlsx"
    write_excel(proposal, path)
    sheet = load_workbook(path)["Workload"]
    header = [c.value for c in sheet[1]]
    line = header.index("Capacity line") + 1
    rows = len(proposal.workload)
    assert [sheet.cell(row=r, column=line).value for r in range(2, rows + 2)] == [1.0] * rows
    charts = sheet._charts
    assert len(charts) == 1
    chart = charts[0]
    refs = [s.val.numRef.f for s in chart.series]
    before = header.index("% of capacity before") + 1
    assert any(f"${chr(64 + before)}$2" in ref for ref in refs)  # bars read the sheet itself
    lines = [s.val.numRef.f for c in chart._charts[1:] for s in c.series]
    assert any(f"${chr(64 + line)}$2" in ref for ref in lines)  # the 100% line


def test_the_sheet_on_paper(tmp_path: Path) -> None:
    """Issue 16: page numbers, A4, a Reasons column of sensible width that wraps, reasons
    once per family, no 'None' under the warnings, the court column coloured."""
    path = tmp_path / "result.xlsx"
    write_excel(sample(), path)
    book = load_workbook(path)
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4), sheet.title
        assert sheet.page_setup.orientation == "landscape"
        assert "&P" in (sheet.oddFooter.center.text or ""), sheet.title
    allocations = book["Allocations"]
    headers = [c.value for c in allocations[1]]
    reasons = headers.index("Reasons") + 1
    letter = allocations.cell(row=1, column=reasons).column_letter
    assert 40 <= allocations.column_dimensions[letter].width <= 70
    first, sibling = (
        allocations.cell(row=2, column=reasons),
        allocations.cell(row=3, column=reasons),
    )
    assert first.alignment.wrap_text and "\n" in str(first.value)
    assert sibling.value == f"As for {NASTY} (same family)."
    summary = [row for row in book["Summary"].iter_rows(values_only=True)]
    assert not any(cell == "None" for row in summary for cell in row)
    assert any(row[0] == "No warnings." for row in summary)
    workload = book["Workload"]
    heads = [c.value for c in workload[1]]
    court = heads.index("Court after") + 1
    full = workload.cell(row=3, column=court)  # W2: 1 of 1, at the cap
    assert full.value == "1 of 1"
    assert full.fill.fgColor.rgb.endswith(BAND_COLOURS[LoadBand.NEAR_FULL].fill)
    assert workload.cell(row=2, column=court).fill.fgColor.rgb.endswith(
        BAND_COLOURS[LoadBand.ROOM].fill
    )
