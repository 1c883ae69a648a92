"""Fuzz the workbook reader, the engine behind it and `validate` with damaged demo workbooks.

Properties: `read_team` never raises; when it reports no error, `propose` never raises and
every new child appears exactly once (allocated or unallocated); `validate` exits 0 or 2,
never 1 with "unexpected error". The regression tests for what the fuzzing found are in
`test_import_fuzz_regressions.py`.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections import Counter
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fsp_allocator.allocation.service import propose
from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workbook.writer import write_team, write_team_csv

SHEETS = ("Workers", "Cases", "Settings")
# FSP_FUZZ_EXAMPLES=1000 searches harder (by hand); the default keeps the file under ~15 s
EXAMPLES = int(os.environ.get("FSP_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

weird_text = st.sampled_from(
    [
        "",
        " ",
        "\t",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1e400",
        "-1e400",
        "1e-320",
        "1" * 400,
        "=1+1",
        "#N/A",
        "0,5",
        "1,5",
        "0",
        "-0",
        "-1",
        "yes",
        "TRUE",
        "31/02/2026",
        "01/02/26",
        "9999-12-31",
        "0001-01-01",
        "2026-11-23",
        "W1",
        "w1",
        " W1 ",
        "SW",
        "COURT",
        "3a ;4B",
        ";;,",
        "-",
        "_",
        "é" * 300,
        "a\nb",
        "\u00a0",
        "\u200b",
    ]
)
# openpyxl refuses control characters in a cell, so the generated text has none
any_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
cell_value = st.one_of(
    st.none(),
    weird_text,
    any_text,
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324, 1e-9, 0.0, 0.5, 1.0, 2.0, 10**20]),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from([time(0, 0), time(12, 30), timedelta(hours=5)]),
)
# (sheet, row, column, value): rows and columns a little beyond the data too
mutation = st.tuples(st.sampled_from(SHEETS), st.integers(1, 12), st.integers(1, 16), cell_value)


@cache
def _demo_rows() -> dict[str, list[list[object]]]:
    """The one-team demo workbook's cells, sheet by sheet (Cases cut to 30 rows for speed)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.xlsx"
        write_team(generate(teams=1, seed=1, week=date(2026, 11, 23)), path)
        book = openpyxl.load_workbook(path)
        rows = {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in SHEETS}
    rows["Cases"] = rows["Cases"][:31]
    return rows


def _check(path: Path) -> None:
    """The properties every input must keep."""
    result = read_team(path)
    if result.ok:
        assert result.data is not None
        proposal = propose(result.data)
        new = [c.child_id for c in result.data.children if c.is_new]
        given_out = [a.child_id for a in proposal.allocations]
        given_out += [u.child_id for u in proposal.unallocated]
        assert Counter(given_out) == Counter(new)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate", str(path)])
    assert status in (0, 2), err.getvalue()
    assert "unexpected error" not in err.getvalue()
    assert (status == 0) == result.ok


def _load(folder: Path) -> tuple[Path, openpyxl.Workbook]:
    """A fresh copy of the demo workbook, to change and save at the returned path."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in _demo_rows().items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return folder / "team.xlsx", book


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=8))
def test_random_cells(changes: list[tuple[str, int, int, object]]) -> None:
    """Any cells of Workers, Cases or Settings set to any value."""
    with tempfile.TemporaryDirectory() as folder:
        path, book = _load(Path(folder))
        for sheet, row, column, value in changes:
            book[sheet].cell(row=row, column=column).value = value
        book.save(path)
        _check(path)


@FUZZ
@given(
    sheet=st.sampled_from(SHEETS),
    row=st.integers(2, 12),
    source_row=st.integers(2, 12),
    column=st.integers(1, 4),
    form=st.sampled_from(["same", "lower", "spaced", "number"]),
)
def test_duplicated_ids(sheet: str, row: int, source_row: int, column: int, form: str) -> None:
    """A cell copied from another row, as written, in another case, padded, or as a number."""
    with tempfile.TemporaryDirectory() as folder:
        path, book = _load(Path(folder))
        value = book[sheet].cell(row=source_row, column=column).value
        if isinstance(value, str):
            value = {
                "same": value,
                "lower": value.lower(),
                "spaced": f" {value}  ",
                "number": int("".join(ch for ch in value if ch.isdigit()) or 0),
            }[form]
        book[sheet].cell(row=row, column=column).value = value
        book.save(path)
        _check(path)


@FUZZ
@given(
    header_changes=st.lists(
        st.tuples(
            st.sampled_from(SHEETS),
            st.integers(1, 16),
            st.one_of(st.none(), weird_text, st.sampled_from(["Worker ID", "KEY", "value"])),
        ),
        max_size=3,
    ),
    extra_sheets=st.lists(st.sampled_from(["", "workers", "Notes", "Cases "]), max_size=2),
    blank_rows=st.sampled_from([0, 3, 1000]),
    drop=st.sets(st.sampled_from(SHEETS), max_size=1),
)
def test_headers_and_sheets(
    header_changes: list[tuple[str, int, object]],
    extra_sheets: list[str],
    blank_rows: int,
    drop: set[str],
) -> None:
    """Header cells deleted or renamed, junk sheets added, sheets dropped, blank rows added."""
    with tempfile.TemporaryDirectory() as folder:
        path, book = _load(Path(folder))
        for sheet, column, value in header_changes:
            book[sheet].cell(row=1, column=column).value = value
        for name in extra_sheets:
            extra = book.create_sheet(name or None)
            extra["A1"] = "junk"
        if blank_rows:
            cases = book["Cases"]
            cases.cell(row=cases.max_row + blank_rows, column=1).value = " "
        for name in drop:
            del book[name]
        book.save(path)
        _check(path)


number_like = st.one_of(
    st.floats(min_value=-1e20, max_value=1e20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, 1e-9, 5e-324, 999.99, 1000, 1000.01, "1e400", "nan", "inf", "0,5"]),
)
NUMERIC = (
    ("Workers", "fte"),
    ("Workers", "capacity"),
    ("Workers", "court_cap"),
    ("Cases", "complexity"),
    ("Settings", "value"),
)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(NUMERIC), st.integers(2, 31), number_like), max_size=6))
def test_numbers(changes: list[tuple[tuple[str, str], int, object]]) -> None:
    """Numeric cells (fte, capacity, court_cap, complexity, every setting) set to any number."""
    with tempfile.TemporaryDirectory() as folder:
        path, book = _load(Path(folder))
        for (sheet, column), row, value in changes:
            header = _demo_rows()[sheet][0]
            book[sheet].cell(row=row, column=header.index(column) + 1).value = value
        book.save(path)
        _check(path)


@cache
def _demo_csv() -> dict[str, list[list[str]]]:
    """The demo team as CSV cells, sheet by sheet (Cases cut to 30 rows)."""
    with tempfile.TemporaryDirectory() as folder:
        write_team_csv(generate(teams=1, seed=1, week=date(2026, 11, 23)), Path(folder))
        found = {}
        for name in SHEETS:
            text = (Path(folder) / f"{name}.csv").read_text("utf-8-sig")
            found[name] = [line.split(",") for line in text.splitlines()]
    found["Cases"] = found["Cases"][:31]
    return found


def _csv_bytes(text: str, encoding: str, bom: bool, crlf: bool, trailing: bool) -> bytes:
    end = "\r\n" if crlf else "\n"
    body = end.join(text.splitlines()) + (end if trailing else "")
    data = body.encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" + data) if bom and encoding == "utf-8" else data


@settings(FUZZ, max_examples=2 * EXAMPLES)
@given(
    encoding=st.sampled_from(["utf-8", "cp1252", "latin-1"]),
    semicolon=st.booleans(),
    bom=st.booleans(),
    crlf=st.booleans(),
    trailing=st.booleans(),
    changes=st.lists(
        st.tuples(
            st.sampled_from(SHEETS),
            st.integers(0, 10),
            st.integers(0, 14),
            st.one_of(weird_text, st.text(max_size=20), st.sampled_from(['"', '"a\nb"', ";"])),
        ),
        max_size=6,
    ),
)
def test_csv_folder(
    encoding: str,
    semicolon: bool,
    bom: bool,
    crlf: bool,
    trailing: bool,
    changes: list[tuple[str, int, int, str]],
) -> None:
    """The CSV form: encodings, BOM, semicolons, CRLF, no final newline, damaged fields."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        delimiter = ";" if semicolon else ","
        for sheet, original in _demo_csv().items():
            rows = [list(cells) for cells in original]
            for target, row, column, value in changes:
                if target == sheet and row < len(rows) and column < len(rows[row]):
                    rows[row][column] = value
            text = "\n".join(delimiter.join(cells) for cells in rows)
            (folder / f"{sheet}.csv").write_bytes(_csv_bytes(text, encoding, bom, crlf, trailing))
        _check(folder)
