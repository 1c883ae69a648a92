"""The Rebalance view's models: the moves of the chosen plan and the families nobody could take.

A move's "To" column is editable (a drop-down of the family's team's lead workers, or "keep
with" its current worker); a change is handed to `choose(family_id, worker_id | None)`, the
view's, which keeps it for "Re-optimise the rest" and for Accept (the drop-down's roles and
checks: `worker_choice_column`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from fsp_allocator.rebalance.result import ChildMove, RebalanceResult, UnplacedChild
from ui.colours import load_colour
from ui.formatting import joined, percent
from ui.models.table_base import Column, RowTableModel
from ui.models.worker_choice_column import WorkerChoiceColumn, WorkerChoiceModel
from ui.qt import QColor, QObject

Choose = Callable[[FamilyId, WorkerId | None], bool]
YOURS = "#DDEBF7"  # the manager's choices, as in the Allocate view


@dataclass(frozen=True, slots=True)
class MoveRow:
    """One child's move as the manager sees it: the engine's, or changed by the manager."""

    move: ChildMove
    from_name: str
    to_worker_id: WorkerId | None  # None: kept with the current worker by the manager
    to_name: str
    yours: bool  # the manager chose this worker (or to keep the family)
    candidates: tuple[tuple[str, str], ...]  # (worker id, label); "" = keep with current


def _kind(row: MoveRow) -> str:
    kind = "forced" if row.move.forced else "voluntary"
    if row.move.continuity:
        kind += ", continuity"
    return f"{kind}, your choice" if row.yours else kind


def _receiver(row: MoveRow) -> str:
    if row.to_worker_id != row.move.to_worker_id:
        return "re-optimise to see"
    return f"from {percent(row.move.ratio_from)} to {percent(row.move.ratio_to)}"


def _receiver_colour(row: MoveRow) -> QColor | None:
    if row.to_worker_id != row.move.to_worker_id:
        return None
    return load_colour(row.move.ratio_to)


def _to_colour(row: MoveRow) -> QColor | None:
    return QColor(YOURS) if row.yours else None


MOVE_COLUMNS = (
    Column("Child", lambda r: r.move.child_id),
    Column("Family", lambda r: r.move.family_id),
    Column("From", lambda r: r.from_name, tip="The family's worker now"),
    Column(
        "To",
        lambda r: r.to_name,
        tip="The new lead worker; double-click (or F2) to choose another or keep the family",
        background=_to_colour,
    ),
    Column(
        "Move",
        _kind,
        tip="Forced: the worker is released or has left. Voluntary: moved to relieve overload",
    ),
    Column(
        "Receiver's load",
        _receiver,
        sort=lambda r: r.move.ratio_to,
        tip="The receiving worker's load as a share of capacity, before and after the plan",
        background=_receiver_colour,
    ),
    Column("Reasons", lambda r: joined(r.move.reasons), tip="Why this worker, in plain words"),
)
TO_COLUMN = 3
REASONS_COLUMN = len(MOVE_COLUMNS) - 1
# "" (keep with the current worker) is a choice only as one of the move's candidates.
TO_CHOICE = WorkerChoiceColumn(
    TO_COLUMN,
    family=lambda r: r.move.family_id,
    current=lambda r: r.to_worker_id,
    chosen_by_manager=lambda r: r.yours,
    candidates=lambda r: r.candidates,
)


def candidates(
    data: TeamData, move: ChildMove, released: Collection[WorkerId] = ()
) -> tuple[tuple[str, str], ...]:
    """The lead workers of the move's team who could receive it (not released, not left), and
    "keep with" its worker; the hard rules are checked when one is chosen."""
    names = data.worker_index()
    origin = names.get(move.from_worker_id)
    team = move.team or (origin.team if origin else None)
    week = data.settings.week
    options = [
        (str(w.worker_id), w.name)
        for w in data.workers
        if w.role.leads
        and w.team == team
        and w.worker_id != move.from_worker_id
        and not w.release
        and w.worker_id not in released
        and not (w.available_to is not None and w.available_to < week)
    ]
    keep = origin.name if origin else move.from_worker_id
    return (("", f"(keep with {keep})"), *options)


def move_rows(
    data: TeamData,
    result: RebalanceResult,
    choices: Mapping[FamilyId, WorkerId | None],
) -> list[MoveRow]:
    """The plan's moves with the manager's `choices` laid over them."""
    names = {w.worker_id: w.name for w in data.workers}
    rows = []
    for move in result.moves:
        yours = move.family_id in choices
        to = choices[move.family_id] if yours else move.to_worker_id
        from_name = names.get(move.from_worker_id, move.from_worker_id)
        to_name = f"(kept with {from_name})" if to is None else names.get(to, to)
        rows.append(
            MoveRow(move, from_name, to, to_name, yours, candidates(data, move, result.released)),
        )
    return rows


class MovesModel(WorkerChoiceModel):
    """The moves of the plan at the chosen frontier point; "To" edits through `choose`."""

    def __init__(self, choose: Choose | None = None, parent: QObject | None = None) -> None:
        super().__init__(MOVE_COLUMNS, lambda r: str(r.move.child_id), TO_CHOICE, choose, parent)

    def set_moves(self, rows: list[MoveRow]) -> None:
        """Show `rows` (from `move_rows`)."""
        self.set_rows(rows)


@dataclass(frozen=True, slots=True)
class UnplacedRow:
    """A child of a forced family nobody could take, with its worker's name."""

    child: UnplacedChild
    from_name: str


UNPLACED_COLUMNS = (
    Column("Child", lambda r: r.child.child_id),
    Column("Family", lambda r: r.child.family_id),
    Column("Stays with", lambda r: r.from_name, tip="It stays with this worker in the record"),
    Column("Why nobody could take it", lambda r: r.child.reason),
)


class UnplacedModel(RowTableModel):
    """The forced families that fit nowhere, and why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(UNPLACED_COLUMNS, lambda r: str(r.child.child_id), parent)

    def set_result(self, data: TeamData, result: RebalanceResult | None) -> None:
        """Show the unplaced children of `result` (none when None)."""
        names = {w.worker_id: w.name for w in data.workers}
        self.set_rows(
            [
                UnplacedRow(u, names.get(u.from_worker_id, u.from_worker_id))
                for u in (result.unplaced if result else ())
            ]
        )
