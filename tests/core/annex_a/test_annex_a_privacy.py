"""No personal column of Annex A reaches the team workbook, the workspace, stdout or the log.

The invented export fills gender, ethnicity, date of birth, age, disability and placement
postcode; the test first proves its search finds those values in the export itself, then
that none is in any byte written or printed.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from fsp_allocator.cli.main import main
from fsp_allocator.demo.annex_a import AnnexADemo


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def _found(values: set[str], haystack: str | bytes) -> set[str]:
    if isinstance(haystack, bytes):
        return {v for v in values if v.encode() in haystack}
    return {v for v in values if v in haystack}


def _excel_serials(values: set[str]) -> set[str]:
    """Dates of birth as the Excel serial numbers an .xlsx stores them as."""
    from datetime import date

    serials = set()
    for value in values:
        if len(value) == 10 and value[4] == "-":
            serials.add(f"<v>{(date.fromisoformat(value) - date(1899, 12, 30)).days}</v>")
    return serials


def test_no_personal_value_travels(
    tmp_path: Path,
    demo_export: tuple[Path, Path, Path, AnnexADemo],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    annex, roster, families, demo = demo_export
    personal = demo.personal_values | _excel_serials(demo.personal_values)
    source = _xlsx_text(annex)
    assert len(_found(personal, source)) > 100  # the search finds them where they are
    caplog.set_level(logging.DEBUG)
    out, db = tmp_path / "team.xlsx", tmp_path / "ws" / "workspace.sqlite"
    common = ["--team", "ALL", "--roster", str(roster), "--families", str(families)]
    assert main(["import-annex-a", str(annex), "--out", str(out), *common]) == 0
    assert main(["--db", str(db), "workspace", "import-annex-a", str(annex), *common]) == 0
    assert main(["workspace", "--db", str(db), "export", "--out", str(tmp_path / "x.xlsx")]) == 0
    printed = capsys.readouterr()
    assert "Took" in printed.out
    written = {
        "team workbook": _xlsx_text(out),
        "exported workbook": _xlsx_text(tmp_path / "x.xlsx"),
        "stdout": printed.out,
        "stderr": printed.err,
        "log": caplog.text,
    }
    for path in db.parent.rglob("*"):  # the workspace, its WAL and its backups
        if path.is_file():
            written[str(path)] = path.read_bytes()  # type: ignore[assignment]
    assert len(written) > 5
    for where, content in written.items():
        assert not _found(personal, content), f"personal data in the {where}"
