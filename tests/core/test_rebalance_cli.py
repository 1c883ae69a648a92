"""`fsp-allocator rebalance`: the contract's JSON and sheets, the transfer list, exit codes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.workbook.writer import write_team

WEEK = date(2026, 11, 30)


@pytest.fixture(scope="module")
def team_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo team (its leaver T01-W05 left on 26 November), one worker named like a formula."""
    path = tmp_path_factory.mktemp("in") / "team.xlsx"
    data = generate(teams=1, seed=1, week=WEEK)
    workers = tuple(
        replace(w, name='=HYPERLINK("x")') if w.worker_id == "T01-W07" else w for w in data.workers
    )
    write_team(replace(data, workers=workers), path)
    return path


def _run(team: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "rebalance",
            str(team),
            "--out",
            str(out / "r.xlsx"),
            "--json",
            str(out / "r.json"),
            *extra,
        ]
    )


def test_result_has_the_contract_keys_and_sheets_and_is_the_same_twice(
    team_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = []
    for name in ("a", "b"):
        out = tmp_path / name
        out.mkdir()
        assert _run(team_book, out, "--max-moves", "2") == 0
        results.append(json.loads((out / "r.json").read_text(encoding="utf-8")))
    first, second = results
    first.pop("solve_seconds"), second.pop("solve_seconds")
    assert first == second
    assert set(first) == {"status", "week", "moves", "unplaced", "workload", "frontier", "warnings"}
    assert first["week"] == "2026-11-30"
    assert [p["moves"] for p in first["frontier"]] == [0, 1, 2]
    forced = [m for m in first["moves"] if m["forced"]]
    assert forced and all(m["from_worker_id"] == "T01-W05" for m in forced)
    moved = {m["child_id"] for m in forced}
    assert moved.isdisjoint({u["child_id"] for u in first["unplaced"]})
    for move in first["moves"]:
        assert set(move) == {
            "child_id",
            "family_id",
            "from_worker_id",
            "to_worker_id",
            "forced",
            "continuity",
            "weight",
            "reasons",
        }
        assert move["reasons"] and move["to_worker_id"] != "T01-W05"
    printed = capsys.readouterr().out
    assert "voluntary move(s) allowed -> worst caseload" in printed
    book = load_workbook(tmp_path / "a" / "r.xlsx")
    assert book.sheetnames == ["Summary", "Moves", "Workload", "Unplaced", "Frontier"]


def test_moves_sheet_is_a_printable_transfer_list_with_no_formulas(
    team_book: Path, tmp_path: Path
) -> None:
    assert _run(team_book, tmp_path) == 0
    moves = load_workbook(tmp_path / "r.xlsx")["Moves"]
    headers = [c.value for c in moves[1]]
    assert headers[:7] == ["Child ID", "Family ID", "Team", "From", "From ID", "To", "To ID"]
    assert moves.freeze_panes == "A2"
    assert moves.auto_filter.ref is not None and moves.auto_filter.ref.startswith("A1:")
    assert moves.print_title_rows == "$1:$1"
    assert moves.page_setup.orientation == "landscape"
    reasons = headers.index("Reasons") + 1
    assert moves.cell(row=2, column=reasons).alignment.wrap_text
    assert moves.cell(row=2, column=4).value == "Yusuf Smith"
    for row in moves.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    names = [c.value for c in load_workbook(tmp_path / "r.xlsx")["Workload"]["B"]]
    assert '=HYPERLINK("x")' in names


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--release", "NOBODY"], "--release"),
        (["--max-moves", "-1"], "--max-moves"),
        (["--max-moves", "two"], "--max-moves"),
    ],
)
def test_bad_release_or_max_moves_exits_2_naming_it_and_writes_nothing(
    team_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], named: str
) -> None:
    with pytest.raises(SystemExit) if named == "--max-moves" else _no_raise() as caught:
        status = _run(team_book, tmp_path, *args)
    if caught is not None and caught.value is not None:
        status = caught.value.code  # type: ignore[assignment]
    assert status == 2
    assert named in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


class _no_raise:
    """A context manager that expects nothing to be raised (value None)."""

    value = None

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
