"""Issue 14 in the workspace: no children's extra columns kept, no half-written results,
plain messages for a full disk, stale temp files swept, any id accepted by --override."""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import openpyxl
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from fsp_allocator.cli.main import main
from fsp_allocator.domain import ChildId, TeamData
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import WorkspaceError, open_workspace
from fsp_allocator.workspace.engine import translated_errors

PERSONAL = {"child_name": "Zebedee Quux-Smith", "dob": "2015-03-04", "address": "1 Elm Row"}


def _with_personal_columns(data: TeamData) -> TeamData:
    children = tuple(
        replace(child, extra=MappingProxyType(dict(PERSONAL))) if i < 3 else child
        for i, child in enumerate(data.children)
    )
    workers = (replace(data.workers[0], extra=MappingProxyType({"desk": "B12"})),)
    return replace(data, children=children, workers=workers + data.workers[1:])


def _file_holds(path: Path, text_: str) -> bool:
    return text_.encode() in path.read_bytes()


def test_extra_cases_columns_are_not_stored_and_the_import_says_so(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ws" / "workspace.sqlite"
    team = tmp_path / "team.xlsx"
    write_team(_with_personal_columns(demo_team), team)
    assert main(["workspace", "--db", str(db), "import", str(team)]) == 0
    out = capsys.readouterr().out
    assert "Not stored: the Cases columns child_name, dob, address" in out
    assert main(["workspace", "--db", str(db), "backup"]) == 0
    assert main(["workspace", "--db", str(db), "export", "--out", str(tmp_path / "e.xlsx")]) == 0
    workspace = open_workspace(db)
    try:
        loaded = workspace.load()
    finally:
        workspace.close()
    assert all(not child.extra for child in loaded.children)
    assert loaded.workers[0].extra == {"desk": "B12"}  # workers' extra columns may stay
    backups = list((db.parent / "backups").glob("*.sqlite"))
    assert backups
    for stored in [db, *backups]:
        assert not _file_holds(stored, PERSONAL["child_name"]), stored
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "e.xlsx")["Cases"][1]]
    assert "child_name" not in header and "dob" not in header


def test_the_migration_empties_extra_columns_of_an_old_workspace(tmp_path: Path) -> None:
    """A workspace made before revision 0002 held them; opening it cleans them out."""
    from alembic import command

    from fsp_allocator.workspace.schema import alembic_config

    db = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
        conn.execute(
            text(
                "INSERT INTO children (child_id, seq, family_id, stage, factors, needs, "
                "adult_worker_ids, exclude_worker_ids, extra, version) VALUES ('C1', 0, 'F1', "
                "'CIN', '[]', '[]', '[]', '[]', :extra, 1)"
            ),
            {"extra": '{"child_name": "Zebedee Quux-Smith"}'},
        )
    engine.dispose()
    assert _file_holds(db, "Zebedee")
    workspace = open_workspace(db)
    try:
        assert workspace.load().children[0].extra == {}
    finally:
        workspace.close()
    with sqlite3.connect(db) as conn:  # fold the WAL into the file before looking at its bytes
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert not _file_holds(db, "Zebedee")


# --- results: a pair or nothing ------------------------------------------------------------


def _old_results(tmp_path: Path) -> tuple[Path, Path]:
    excel, json_path = tmp_path / "r.xlsx", tmp_path / "r.json"
    excel.write_bytes(b"old workbook")
    json_path.write_bytes(b"old json")
    return excel, json_path


def _fail_writing(monkeypatch: pytest.MonkeyPatch, part: str, error: int) -> None:
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        if part in self.name:
            raise OSError(error, os.strerror(error))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_allocate_on_a_full_disk_replaces_neither_file(
    tmp_path: Path,
    demo_team: TeamData,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It used to replace r.xlsx, then fail on r.json."""
    team = tmp_path / "team.xlsx"
    write_team(demo_team, team)
    excel, json_path = _old_results(tmp_path)
    _fail_writing(monkeypatch, ".r.json.", errno.ENOSPC)
    status = main(
        ["allocate", str(team), "--out", str(excel), "--json", str(json_path), "--time-limit", "2"]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "the disk is full" in err and "No result file was written" in err
    assert "Errno" not in err and "Traceback" not in err
    assert excel.read_bytes() == b"old workbook" and json_path.read_bytes() == b"old json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "r.xlsx", "team.xlsx"]


def test_a_failed_rename_puts_the_first_file_back(
    tmp_path: Path, demo_team: TeamData, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fsp_allocator import safe_write
    from fsp_allocator.result.files import write_result_files
    from fsp_allocator.workspace.cycle import propose_pending

    workspace = open_workspace(tmp_path / "ws.sqlite")
    try:
        workspace.import_team(demo_team)
        proposal = propose_pending(workspace)
    finally:
        workspace.close()
    excel, json_path = _old_results(tmp_path)
    real = os.replace

    def replace_(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == json_path and "previous" not in str(src):  # the new JSON's rename
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(safe_write.os, "replace", replace_)
    with pytest.raises(OSError):
        write_result_files(proposal, excel, json_path)
    assert excel.read_bytes() == b"old workbook" and json_path.read_bytes() == b"old json"
    assert sorted(p.name for p in tmp_path.iterdir() if "ws.sqlite" not in p.name) == [
        "r.json",
        "r.xlsx",
    ]


def test_propose_out_that_fails_stores_no_pending_proposal(
    tmp_path: Path,
    demo_team: TeamData,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "ws.sqlite"
    workspace = open_workspace(db)
    workspace.import_team(demo_team)
    workspace.close()
    _fail_writing(monkeypatch, ".r.xlsx.", errno.ENOSPC)
    argv = ["workspace", "--db", str(db), "propose", "--out", str(tmp_path / "r.xlsx")]
    assert main([*argv, "--time-limit", "2"]) == 1
    assert "the disk is full" in capsys.readouterr().err
    workspace = open_workspace(db)
    try:
        assert workspace.pending_proposal() is None
    finally:
        workspace.close()


@pytest.mark.parametrize(
    ("driver_text", "plain"),
    [
        ("database or disk is full", "The disk holding the workspace is full"),
        ("disk I/O error", "the disk reported an I/O error"),
    ],
)
def test_a_full_disk_in_the_workspace_is_one_plain_sentence(driver_text: str, plain: str) -> None:
    original = sqlite3.OperationalError(driver_text)
    with pytest.raises(WorkspaceError) as raised, translated_errors():
        raise OperationalError("INSERT INTO audit ...", {}, original)
    message = str(raised.value)
    assert plain in message
    assert "sqlite3" not in message and "Background" not in message and "INSERT" not in message


def test_stale_temp_files_of_a_dead_process_are_swept_at_the_next_write(
    tmp_path: Path, demo_team: TeamData
) -> None:
    from fsp_allocator.workbook.writer import write_team as write

    dead = tmp_path / ".team.xlsx.999999999-abcdefgh.tmp"  # no such process
    old_style = tmp_path / ".team.xlsx.abcd1234.tmp"  # before the pid was in the name
    alive = tmp_path / f".team.xlsx.{os.getpid()}-zzzzzzzz.tmp"  # a write under way
    other = tmp_path / "notes.tmp"  # not ours
    for path in (dead, old_style, alive, other):
        path.write_bytes(b"half")
    os.utime(old_style, (1, 1))
    write(demo_team, tmp_path / "team.xlsx")
    remaining = {p.name for p in tmp_path.iterdir()}
    assert dead.name not in remaining and old_style.name not in remaining
    assert {alive.name, other.name, "team.xlsx"} <= remaining


def test_a_half_backup_is_swept_by_the_next_backup(tmp_path: Path, demo_team: TeamData) -> None:
    db = tmp_path / "ws" / "workspace.sqlite"
    workspace = open_workspace(db)
    try:
        workspace.import_team(demo_team)
        folder = db.parent / "backups"
        folder.mkdir()
        half = folder / ".workspace-20260101-000000-000000.sqlite.999999999-abcdefgh.tmp"
        half.write_bytes(b"\0" * 4096)
        (folder / f"{half.name}-journal").write_bytes(b"\0")
        workspace.backup()
    finally:
        workspace.close()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


# --- --override takes any id ---------------------------------------------------------------


def test_override_accepts_ids_starting_with_equals_or_minus(
    tmp_path: Path, demo_team: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    # the first child of two new families gets an odd id; each family moves whole (rule 2)
    firsts = [f.children[0] for f in demo_team.families() if f.is_new_family]
    odd = {firsts[0].child_id: "=1", firsts[1].child_id: "-C2"}
    children = tuple(
        replace(c, child_id=ChildId(odd.get(c.child_id, c.child_id))) for c in demo_team.children
    )
    team = replace(demo_team, children=children)
    db = tmp_path / "ws.sqlite"
    workspace = open_workspace(db)
    try:
        workspace.import_team(team)
        from fsp_allocator.workspace.cycle import propose_pending

        proposal = propose_pending(workspace)
    finally:
        workspace.close()
    from fsp_allocator.allocation.choice_check import check_choices
    from fsp_allocator.workspace.accepting import proposal_children

    families = {cid: proposal_children(proposal)[ChildId(cid)] for cid in ("=1", "-C2")}
    final = {a.family_id: a.worker_id for a in proposal.allocations}
    other = {
        cid: next(
            w.worker_id
            for w in team.workers
            if w.worker_id != final.get(families[cid])
            and check_choices(
                team, {**final, families[cid]: w.worker_id}, frozenset({families[cid]})
            ).ok
        )
        for cid in ("=1", "-C2")
    }
    argv = ["workspace", "--db", str(db), "accept"]
    argv += ["--override", f"=1={other['=1']}", f"--override=-C2={other['-C2']}"]
    argv += [f"--reason={families['=1']}=a=b is fine", f"--reason={families['-C2']}=closer"]
    for cid in ("=1", "-C2"):
        argv += [
            f"--override={child}={other[cid]}"
            for child, family in proposal_children(proposal).items()
            if family == families[cid] and child != cid
        ]
    assert main(argv) == 0, capsys.readouterr().err
    workspace = open_workspace(db)
    try:
        decided = {d.child_id: d for d in workspace.decisions()}
    finally:
        workspace.close()
    assert decided[ChildId("=1")].worker_id == other["=1"]
    assert decided[ChildId("-C2")].worker_id == other["-C2"]
    assert decided[ChildId("=1")].manager_reason == "a=b is fine"
