"""Checks across rows: references between the sheets, duplicates, pins, families and teams.

They apply to data however it arrived — imported from a workbook or edited in the app —
so they work on `TeamData`. The importer passes each worker's and child's Excel row so the
problem names it; without rows (data edited in the app) `row` is None.

A case held by a role that never leads (FSW, DA, MH, SM) is a warning, not an error: the
case is left where it is (allocate never moves open cases) and counted on that worker's
list, but the worker gets no new family, and a new sibling is allocated as a new family.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from fsp_allocator.domain import ROLE_LABELS, Child, TeamData, WorkerId
from fsp_allocator.workbook.cells import id_key
from fsp_allocator.workbook.columns import CASES, WORKERS
from fsp_allocator.workbook.problems import Problem, Severity


class _Found:
    """Collects problems for one check run, locating rows when they are known."""

    def __init__(self, worker_rows: Sequence[int] | None, child_rows: Sequence[int] | None):
        self.worker_rows = worker_rows
        self.child_rows = child_rows
        self.problems: list[Problem] = []

    def worker(self, index: int, column: str, message: str, severity: Severity) -> None:
        row = self.worker_rows[index] if self.worker_rows is not None else None
        self.problems.append(Problem(severity, message, WORKERS, row, column))

    def child(self, index: int, column: str, message: str, severity: Severity) -> None:
        row = self.child_rows[index] if self.child_rows is not None else None
        self.problems.append(Problem(severity, message, CASES, row, column))


def check_team(
    data: TeamData,
    *,
    worker_rows: Sequence[int] | None = None,
    child_rows: Sequence[int] | None = None,
    also_known: Collection[WorkerId] = frozenset(),
) -> list[Problem]:
    """Every cross-row problem of `data`, errors and warnings, in sheet and row order.

    `worker_rows` / `child_rows` are the Excel rows of `data.workers` / `data.children`
    (same order); `also_known` are worker ids whose rows failed to read (already reported),
    so references to them are not reported again.
    """
    found = _Found(worker_rows, child_rows)
    _duplicate_workers(data, found)
    _duplicate_children(data, found)
    _look_alike_families(data, found)
    _references(data, found, also_known)
    _families(data, found)
    _teams(data, found)
    return found.problems


def _duplicate_workers(data: TeamData, found: _Found) -> None:
    ids = [w.worker_id for w in data.workers]
    for index, first in _repeats(ids):
        also = f" (also row {found.worker_rows[first]})" if found.worker_rows else ""
        message = _twice("worker_id", ids[index], ids[first], also, "each worker")
        found.worker(index, "worker_id", message, Severity.ERROR)


def _duplicate_children(data: TeamData, found: _Found) -> None:
    ids = [c.child_id for c in data.children]
    for index, first in _repeats(ids):
        also = f" (also row {found.child_rows[first]})" if found.child_rows else ""
        message = _twice("child_id", ids[index], ids[first], also, "each child")
        found.child(index, "child_id", message, Severity.ERROR)


def _twice(column: str, this: str, first: str, also: str, each: str) -> str:
    if this == first:
        return f"{column} {this} is used twice{also}; {each} needs their own id"
    return (
        f"{column} {this} and {first}{also} differ only by case or by a look-alike character, "
        f"so they would be taken for one another; {each} needs an id of their own"
    )


def _look_alike_families(data: TeamData, found: _Found) -> None:
    """Two family ids that differ only by case or a look-alike character (F1 and f1)."""
    first: dict[str, tuple[int, str]] = {}
    reported: set[str] = set()
    for index, child in enumerate(data.children):
        key = id_key(child.family_id)
        seen = first.setdefault(key, (index, child.family_id))
        if seen[1] != child.family_id and child.family_id not in reported:
            reported.add(child.family_id)
            row = found.child_rows[seen[0]] if found.child_rows else None
            also = f" (row {row})" if row is not None else ""
            found.child(
                index,
                "family_id",
                f"family_id {child.family_id} and {seen[1]}{also} differ only by case or by a "
                "look-alike character; write one family's id the same way on every row",
                Severity.ERROR,
            )


def _repeats(ids: Sequence[str]) -> list[tuple[int, int]]:
    """(position, position of the first use) for every id repeated, ignoring case and
    look-alikes."""
    first: dict[str, int] = {}
    repeats = []
    for index, value in enumerate(ids):
        key = id_key(value)
        if key in first:
            repeats.append((index, first[key]))
        else:
            first[key] = index
    return repeats


def _references(data: TeamData, found: _Found, also_known: Collection[WorkerId]) -> None:
    index = data.worker_index()

    def unknown(worker_id: WorkerId) -> bool:
        return worker_id not in index and worker_id not in also_known

    for position, child in enumerate(data.children):
        if child.worker_id is not None:
            lead = index.get(child.worker_id)
            if unknown(child.worker_id):
                found.child(position, "worker_id", _no_worker(child.worker_id), Severity.ERROR)
            elif lead is not None and not lead.role.leads:
                label = ROLE_LABELS[lead.role].lower()
                found.child(
                    position,
                    "worker_id",
                    f"{lead.worker_id} is a {label}, who is never a lead worker; the case stays "
                    "with them and counts on their list, but they get no new families",
                    Severity.WARNING,
                )
        if child.pin_worker_id is not None and unknown(child.pin_worker_id):
            found.child(position, "pin_worker_id", _no_worker(child.pin_worker_id), Severity.ERROR)
        people = [("previous_worker_id", child.previous_worker_id)]
        people += [("adult_worker_ids", w) for w in child.adult_worker_ids]
        people += [("exclude_worker_ids", w) for w in child.exclude_worker_ids]
        for column, worker_id in people:
            if worker_id is not None and unknown(worker_id):
                found.child(
                    position,
                    column,
                    f"{_no_worker(worker_id)} (they may have left); it is ignored",
                    Severity.WARNING,
                )


def _no_worker(worker_id: WorkerId) -> str:
    return f"'{worker_id}' is not a worker_id on the Workers sheet"


def _families(data: TeamData, found: _Found) -> None:
    positions = {id(child): i for i, child in enumerate(data.children)}
    for family in data.families():
        pinned = _distinct(family.children, lambda c: c.pin_worker_id)
        if len(pinned) > 1:
            clash = next(c for c in family.children if c.pin_worker_id == pinned[1])
            found.child(
                positions[id(clash)],
                "pin_worker_id",
                f"family {family.family_id} is pinned to two workers ({', '.join(pinned)}); "
                "siblings share one lead worker, so pin them all to the same worker",
                Severity.ERROR,
            )
        leads = family.lead_worker_ids
        if len(leads) > 1:
            second = next(c for c in family.open_children if c.worker_id == leads[1])
            found.child(
                positions[id(second)],
                "worker_id",
                f"the open children of family {family.family_id} are held by "
                f"{len(leads)} workers ({', '.join(leads)}); siblings normally share one lead "
                "worker",
                Severity.WARNING,
            )


def _distinct(children: Sequence[Child], key: Callable[[Child], WorkerId | None]) -> list[WorkerId]:
    seen: dict[WorkerId, None] = {}
    for child in children:
        value = key(child)
        if value is not None:
            seen.setdefault(value, None)
    return list(seen)


def _teams(data: TeamData, found: _Found) -> None:
    teams = data.teams()
    for position, child in enumerate(data.children):
        if not child.is_new:
            continue
        if child.team is None and len(teams) > 1:
            found.child(
                position,
                "team",
                f"the cell is blank, and Workers name more than one team ({', '.join(teams)}); "
                "give the team whose intake this is",
                Severity.ERROR,
            )
        elif child.team is not None and child.team not in teams:
            found.child(
                position,
                "team",
                f"'{child.team}' is not a team on the Workers sheet (teams: {', '.join(teams)})",
                Severity.ERROR,
            )
