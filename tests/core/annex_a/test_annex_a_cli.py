"""From a clean start: the invented Annex A export imports into a team workbook and a workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from fsp_allocator.cli.main import main
from fsp_allocator.demo.annex_a import AnnexADemo
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workspace import open_workspace


def test_demo_writes_an_annex_a_export_that_looks_like_a_real_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "annex.xlsx"
    assert main(["demo", "--annex-a", str(out), "--week", "2026-11-23"]) == 0
    assert "import-annex-a" in capsys.readouterr().out
    assert (tmp_path / "annex_roster.xlsx").exists() and (tmp_path / "annex_families.csv").exists()
    book = load_workbook(out, read_only=True)
    list6 = next(book[n] for n in book.sheetnames if n.startswith("List 6"))
    rows = list(list6.iter_rows(values_only=True))
    assert rows[0][0].startswith("Ofsted Annex A")  # title rows above the header
    header = rows[4]
    assert {
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Case Status",
        "Allocated Team",
        "Allocated Worker",
    } <= set(header)
    statuses = {r[header.index("Case Status")] for r in rows[5:]}
    assert {"a) Looked after child", "b) Child Protection plan", "e) Closed episode"} <= statuses
    assert main(["demo", "--annex-a", str(tmp_path / "again.xlsx"), "--week", "2026-11-23"]) == 0
    assert _same_cells(out, tmp_path / "again.xlsx")  # the same seed, the same export


def _same_cells(a: Path, b: Path) -> bool:
    from openpyxl import load_workbook

    first, second = load_workbook(a, read_only=True), load_workbook(b, read_only=True)
    return all(
        list(first[n].iter_rows(values_only=True)) == list(second[n].iter_rows(values_only=True))
        for n in first.sheetnames
    )


def test_import_into_a_team_workbook_with_the_summary(
    tmp_path: Path,
    demo_export: tuple[Path, Path, Path, AnnexADemo],
    capsys: pytest.CaptureFixture[str],
) -> None:
    annex, roster, families, demo = demo_export
    out = tmp_path / "team.xlsx"
    assert (
        main(
            [
                "import-annex-a",
                str(annex),
                "--team",
                demo.teams[0].lower(),
                "--out",
                str(out),
                "--roster",
                str(roster),
                "--families",
                str(families),
                "--week",
                "2026-11-23",
            ]
        )
        == 0
    )
    printed = capsys.readouterr()
    assert f"children of {demo.teams[0]}:" in printed.out
    assert "New cases to allocate (no allocated worker):" in printed.out
    assert "in another team" in printed.out and "a closed episode" in printed.out
    assert "Workers matched on the roster: 6." in printed.out
    assert "Workers not on the roster (1)" in printed.out
    reading = read_team(out)
    assert reading.ok and reading.data is not None
    assert reading.data.settings.week.isoformat() == "2026-11-23"
    assert reading.data.new_children() and reading.data.open_children()
    siblings = [f for f in reading.data.families() if len(f.children) > 1]
    assert siblings  # families from the families file
    assert main(["validate", str(out)]) == 0


def test_import_into_the_workspace_then_again_changes_nothing(
    tmp_path: Path,
    demo_export: tuple[Path, Path, Path, AnnexADemo],
    capsys: pytest.CaptureFixture[str],
) -> None:
    annex, roster, families, demo = demo_export
    db = tmp_path / "ws.sqlite"
    line = [
        "workspace",
        "import-annex-a",
        str(annex),
        "--team",
        demo.teams[1],
        "--db",
        str(db),
        "--roster",
        str(roster),
        "--families",
        str(families),
        "--week",
        "2026-11-23",
    ]
    assert main([*line, "--dry-run"]) == 0
    assert "Dry run: nothing was changed" in capsys.readouterr().out
    workspace = open_workspace(db)
    assert workspace.load().children == ()
    workspace.close()
    assert main(line) == 0
    printed = capsys.readouterr().out
    assert "Took" in printed and "Children added" in printed and "Backup taken first" in printed
    workspace = open_workspace(db)
    data = workspace.load()
    assert {c.team for c in data.children} == {demo.teams[1]}
    assert any(e.action == "import" for e in workspace.audit())
    workspace.close()
    assert main(line) == 0
    assert "No change" in capsys.readouterr().out
