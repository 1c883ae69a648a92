"""`check_team` on data edited in the app (no rows), and the round trip writer -> reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fsp_allocator.demo import generate
from fsp_allocator.domain import (
    Child,
    ChildId,
    FamilyId,
    Role,
    Stage,
    TeamData,
    TeamName,
    Worker,
    WorkerId,
)
from fsp_allocator.settings import default_settings
from fsp_allocator.workbook.checks import check_team
from fsp_allocator.workbook.problems import Severity
from fsp_allocator.workbook.reader import read_team
from fsp_allocator.workbook.writer import write_team

WEEK = date(2026, 11, 23)


def _worker(worker_id: str, role: Role = Role.SW, team: str = "North") -> Worker:
    return Worker(WorkerId(worker_id), f"Worker {worker_id}", role, 1.0, TeamName(team))


def _child(child_id: str, family_id: str, **fields: object) -> Child:
    return Child(ChildId(child_id), FamilyId(family_id), Stage.CIN, **fields)  # type: ignore[arg-type]


def _team(workers: list[Worker], children: list[Child]) -> TeamData:
    return TeamData(tuple(workers), tuple(children), default_settings(WEEK))


def test_clean_data_has_no_problems() -> None:
    data = _team([_worker("W1")], [_child("C1", "F1", worker_id="W1"), _child("C2", "F1")])
    assert check_team(data) == []


def test_problems_without_rows_name_sheet_and_column() -> None:
    data = _team(
        [_worker("W1"), _worker("W1"), _worker("S1", Role.FSW)],
        [
            _child("C1", "F1", worker_id="W9"),
            _child("C1", "F2", pin_worker_id="P9"),
            _child("C3", "F3", pin_worker_id="W1"),
            _child("C4", "F3", pin_worker_id="S1"),
            _child("C5", "F4", worker_id="S1", previous_worker_id="X1"),
            _child("C6", "F5", worker_id="W1", exclude_worker_ids=("X2",)),
            _child("C7", "F5", worker_id="S1", adult_worker_ids=("X3",)),
        ],
    )
    found = [(p.severity, p.sheet, p.row, p.column) for p in check_team(data)]
    error, warning = Severity.ERROR, Severity.WARNING
    assert found == [
        (error, "Workers", None, "worker_id"),
        (error, "Cases", None, "child_id"),
        (error, "Cases", None, "worker_id"),
        (error, "Cases", None, "pin_worker_id"),
        (warning, "Cases", None, "worker_id"),  # C5 held by a family support worker
        (warning, "Cases", None, "previous_worker_id"),
        (warning, "Cases", None, "exclude_worker_ids"),
        (warning, "Cases", None, "worker_id"),  # C7 held by a family support worker
        (warning, "Cases", None, "adult_worker_ids"),
        (error, "Cases", None, "pin_worker_id"),  # F3 pinned to W1 and S1
        (warning, "Cases", None, "worker_id"),  # F5 open children with W1 and S1
    ]


def test_new_case_team_must_be_a_roster_team() -> None:
    workers = [_worker("W1"), _worker("W2", team="South")]
    data = _team(workers, [_child("C1", "F1"), _child("C2", "F2", team="East")])
    messages = [p.message for p in check_team(data)]
    assert len(messages) == 2
    assert "more than one team (North, South)" in messages[0]
    assert "'East' is not a team" in messages[1]


def test_rows_given_are_used() -> None:
    data = _team([_worker("W1")], [_child("C1", "F1", worker_id="W2")])
    problems = check_team(data, worker_rows=[2], child_rows=[9])
    assert [(p.row, str(p)) for p in problems] == [
        (9, "sheet Cases, row 9, column worker_id: 'W2' is not a worker_id on the Workers sheet")
    ]


def test_written_workbook_reads_back_identical(tmp_path: Path) -> None:
    data = generate(teams=2, seed=5, week=WEEK)
    path = tmp_path / "team.xlsx"
    write_team(data, path)
    result = read_team(path)
    assert result.errors == ()
    assert result.data == data
