"""`fsp-allocator allocate --alternatives`: each family's ranked list in the JSON and a sheet.

The existing keys and sheets stay exactly as they were; a worker's name that looks like a
formula stays text in the Alternatives sheet.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.workbook.writer import write_team
from solver.rules import AIMS

WEEK = date(2026, 11, 23)
HOSTILE = '=HYPERLINK("http://example.invalid","x")'
ENTRY_KEYS = {"worker_id", "possible", "cost", "load_after", "reason"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Path]]:
    folder = tmp_path_factory.mktemp("alternatives")
    data = generate(teams=1, seed=3, week=WEEK)
    first = next(w for w in data.workers if w.role.leads)
    workers = tuple(replace(w, name=HOSTILE) if w is first else w for w in data.workers)
    book = folder / "team.xlsx"
    write_team(replace(data, workers=workers), book)
    found: dict[str, tuple[dict[str, Any], Path]] = {}
    for name, extra in (("plain", []), ("ranked", ["--alternatives"])):
        out, js = folder / f"{name}.xlsx", folder / f"{name}.json"
        assert main(["allocate", str(book), "--out", str(out), "--json", str(js), *extra]) == 0
        result = json.loads(js.read_text(encoding="utf-8"))
        result.pop("solve_seconds")
        found[name] = (result, out)
    return found


def test_json_keeps_every_key_and_adds_one_list_per_family(
    runs: dict[str, tuple[dict[str, Any], Path]],
) -> None:
    plain, ranked = runs["plain"][0], dict(runs["ranked"][0])
    lists = ranked.pop("alternatives")
    assert ranked == plain, "the existing keys are unchanged"
    families = {a["family_id"] for a in plain["allocations"]} | {
        u["family_id"] for u in plain["unallocated"]
    }
    assert set(lists) == families
    aims = [a.name for a in AIMS if not a.pairing]
    for family_id, entries in lists.items():
        assert entries, family_id
        assert all(set(e) >= ENTRY_KEYS for e in entries)
        possible = [e for e in entries if e["possible"]]
        assert entries[: len(possible)] == possible, "possible workers first"
        for e in possible:
            assert list(e["cost"]) == aims and e["reason"]
        for e in entries[len(possible) :]:
            assert e["cost"] == {} and e["rule"] and e["reason"]
        proposed = {a["worker_id"] for a in plain["allocations"] if a["family_id"] == family_id}
        assert {e["worker_id"] for e in entries if e["current"]} == proposed


def test_the_sheet_lists_them_and_keeps_hostile_text_as_text(
    runs: dict[str, tuple[dict[str, Any], Path]],
) -> None:
    assert load_workbook(runs["plain"][1]).sheetnames == [
        "Summary",
        "Allocations",
        "Workload",
        "Unallocated",
    ]
    book = load_workbook(runs["ranked"][1])
    assert book.sheetnames[-1] == "Alternatives"
    sheet = book["Alternatives"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Family ID", "Rank", "Worker", "Worker ID", "Possible"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    lists = runs["ranked"][0]["alternatives"]
    assert len(rows) == sum(len(entries) for entries in lists.values())
    hostile = [r for r in sheet.iter_rows(min_row=2) if r[2].value == HOSTILE]
    assert hostile and all(r[2].data_type == "s" for r in hostile)
    assert {r[4] for r in rows} == {"yes", "no"}
