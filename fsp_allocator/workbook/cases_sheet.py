"""Read the `Cases` sheet into `Child`ren, one problem per bad cell.

A row with a blank `worker_id` is a new case to allocate. An open case's team is its lead
worker's team (a different `team` cell gets a warning and is overruled). A new case's
`team` is matched to the Workers' teams case-insensitively; blank means the one team when
there is only one (otherwise `checks.check_team` reports it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType

from fsp_allocator.domain import Child, ChildId, FamilyId, Stage, TeamName, Worker, WorkerId
from fsp_allocator.settings import MAX_SETTING_VALUE
from fsp_allocator.workbook.cells import (
    cell_text,
    parse_date,
    parse_factors,
    parse_id,
    parse_list,
    parse_number,
    parse_stage,
)
from fsp_allocator.workbook.columns import normalise_name
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.table import RowReader, Table

# at most MAX_SETTING_VALUE: the engine's integer arithmetic overflows on huge numbers
parse_complexity = partial(parse_number, above=0, at_most=MAX_SETTING_VALUE)


@dataclass(frozen=True, slots=True)
class ChildRows:
    """The children read, with their Excel rows (rows with bad cells included, see below)."""

    children: tuple[Child, ...]
    rows: tuple[int, ...]


def _worker_id(value: object) -> WorkerId | None:
    return None if cell_text(value) is None else WorkerId(parse_id(value))


def _worker_ids(value: object) -> tuple[WorkerId, ...]:
    return tuple(WorkerId(parse_id(item)) for item in parse_list(value))


def read_cases(
    table: Table,
    workers: Mapping[WorkerId, Worker],
    teams: Mapping[str, TeamName],
    problems: list[Problem],
) -> ChildRows:
    """Every row of the Cases sheet that has a child_id and family_id, as a `Child`.

    A row with a bad cell is still returned (the bad value replaced by its default), so the
    cross-row checks see its references too; its errors are in `problems`, so the workbook
    is refused anyway.
    """
    children: list[Child] = []
    rows: list[int] = []
    for row in table.sheet.rows:
        cells = RowReader(table, row, problems, "case")
        child_id = cells.required("child_id", parse_id)
        family_id = cells.required("family_id", parse_id)
        stage = cells.required("stage", parse_stage)
        lead = cells.optional("worker_id", _worker_id, None)
        child = Child(
            child_id=ChildId(child_id or ""),
            family_id=FamilyId(family_id or ""),
            stage=stage or Stage.CIN,
            worker_id=lead,
            previous_worker_id=cells.optional("previous_worker_id", _worker_id, None),
            factors=cells.optional("factors", parse_factors, ()),
            complexity=cells.optional("complexity", parse_complexity, None),
            referral_date=cells.optional("referral_date", parse_date, None),
            team=_team(cells, lead, workers, teams),
            locality=cells.optional("locality", cell_text, None),
            needs=cells.optional("needs", parse_list, ()),
            adult_worker_ids=cells.optional("adult_worker_ids", _worker_ids, ()),
            pin_worker_id=cells.optional("pin_worker_id", _worker_id, None),
            exclude_worker_ids=cells.optional("exclude_worker_ids", _worker_ids, ()),
            extra=MappingProxyType(cells.extras()),
        )
        if child_id is None or family_id is None:
            continue
        children.append(child)
        rows.append(row.number)
    return ChildRows(tuple(children), tuple(rows))


def _team(
    cells: RowReader,
    lead: WorkerId | None,
    workers: Mapping[WorkerId, Worker],
    teams: Mapping[str, TeamName],
) -> TeamName | None:
    written = cell_text(cells.raw("team"))
    if lead is not None:
        worker = workers.get(lead)
        if worker is None:
            return None  # an unknown lead worker is reported by check_team
        if written is not None and normalise_name(written) != normalise_name(worker.team):
            cells.problems.append(
                Problem(
                    Severity.WARNING,
                    f"team '{written}' differs from the team of lead worker {lead} "
                    f"({worker.team}); an open case belongs to its lead worker's team",
                    cells.table.spec.name,
                    cells.row.number,
                    "team",
                )
            )
        return worker.team
    if written is not None:
        return teams.get(normalise_name(written), TeamName(written))
    if len(set(teams.values())) == 1:
        return next(iter(teams.values()))
    return None
