"""Read the `Workers` sheet into `Worker`s, one problem per bad cell.

Team: when the sheet has no `team` column, or no row names a team, every worker is in
`DEFAULT_TEAM` ("Team"; a fixed name so a renamed file is still the same team). When the
sheet names exactly one team, a blank `team` cell means that team; when it names more, a
blank `team` cell is an error. Team names are matched case-insensitively and spelt as first
written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType

from fsp_allocator.domain import Role, TeamName, Worker, WorkerId
from fsp_allocator.settings import MAX_SETTING_VALUE
from fsp_allocator.workbook.cells import (
    cell_text,
    parse_date,
    parse_id,
    parse_list,
    parse_number,
    parse_role,
    parse_text,
    parse_yes_no,
)
from fsp_allocator.workbook.columns import normalise_name
from fsp_allocator.workbook.problems import Problem
from fsp_allocator.workbook.table import RowReader, Table

DEFAULT_TEAM = TeamName("Team")

parse_fte = partial(parse_number, above=0, at_most=1)
# at most MAX_SETTING_VALUE: the engine's integer arithmetic overflows on huge numbers
parse_court_cap = partial(parse_number, at_least=0, at_most=MAX_SETTING_VALUE, whole=True)
parse_capacity = partial(parse_number, at_least=0, at_most=MAX_SETTING_VALUE)


@dataclass(frozen=True, slots=True)
class WorkerRows:
    """The workers read (with their Excel rows) and the ids of rows that failed."""

    workers: tuple[Worker, ...]
    rows: tuple[int, ...]
    failed_ids: frozenset[WorkerId]


def roster_teams(table: Table) -> dict[str, TeamName]:
    """The team names written in the sheet: normalised name -> first spelling."""
    teams: dict[str, TeamName] = {}
    position = table.index.get("team")
    if position is None:
        return teams
    for row in table.sheet.rows:
        text = cell_text(row.values[position])
        if text is not None:
            teams.setdefault(normalise_name(text), TeamName(text))
    return teams


def read_workers(table: Table, problems: list[Problem]) -> WorkerRows:
    """Every row of the Workers sheet as a `Worker`; a row with any bad cell is left out."""
    teams = roster_teams(table)
    workers: list[Worker] = []
    rows: list[int] = []
    failed: set[WorkerId] = set()
    for row in table.sheet.rows:
        cells = RowReader(table, row, problems, "worker")
        worker_id = cells.required("worker_id", parse_id)
        name = cells.required("name", parse_text)
        role = cells.required("role", parse_role)
        fte = cells.required("fte", parse_fte)
        team = _team(cells, teams)
        court_cap = cells.optional("court_cap", parse_court_cap, None)
        worker = Worker(
            worker_id=WorkerId(worker_id or ""),
            name=name or "",
            role=role or Role.SW,
            fte=fte or 1.0,
            team=team,
            agency=cells.optional("agency", parse_yes_no, False),
            available_from=cells.optional("available_from", parse_date, None),
            available_to=cells.optional("available_to", parse_date, None),
            accepting=cells.optional("accepting", parse_yes_no, True),
            court_cap=None if court_cap is None else int(court_cap),
            capacity=cells.optional("capacity", parse_capacity, None),
            skills=cells.optional("skills", parse_list, ()),
            locality=cells.optional("locality", cell_text, None),
            extra=MappingProxyType(cells.extras()),
            release=cells.optional("release", parse_yes_no, False),
        )
        _check_dates(cells, worker)
        if cells.failed:
            if worker_id:
                failed.add(WorkerId(worker_id))
            continue
        workers.append(worker)
        rows.append(row.number)
    return WorkerRows(tuple(workers), tuple(rows), frozenset(failed))


def _team(cells: RowReader, teams: dict[str, TeamName]) -> TeamName:
    text = cell_text(cells.raw("team"))
    if text is not None:
        return teams[normalise_name(text)]
    if not teams:
        return DEFAULT_TEAM
    if len(teams) == 1:
        return next(iter(teams.values()))
    names = ", ".join(teams.values())
    cells.error("team", f"the cell is blank, and this sheet names more than one team ({names})")
    cells.failed = True
    return DEFAULT_TEAM


def _check_dates(cells: RowReader, worker: Worker) -> None:
    if (
        worker.available_from is not None
        and worker.available_to is not None
        and worker.available_to < worker.available_from
    ):
        cells.error(
            "available_to",
            f"{worker.available_to:%d/%m/%Y} is before available_from "
            f"{worker.available_from:%d/%m/%Y}",
        )
        cells.failed = True


def team_lookup(workers: Sequence[Worker]) -> dict[str, TeamName]:
    """The roster's teams by normalised name, for matching the Cases sheet's `team` cells."""
    return {normalise_name(w.team): w.team for w in reversed(workers)}
