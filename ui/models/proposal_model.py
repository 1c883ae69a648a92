"""The proposal review's model: family -> proposed worker, weight, reasons and load change.

The "Final worker" column is editable (a drop-down of the family's team's lead workers, or
"leave unallocated"); a change is handed to `choose(family_id, worker_id)`, the session's
(the drop-down's roles and checks: `worker_choice_column`).
"""

from __future__ import annotations

from dataclasses import dataclass

from fsp_allocator.domain import FamilyId, WorkerId
from ui.colours import load_colour
from ui.formatting import joined, number, percent
from ui.models.table_base import Column
from ui.models.worker_choice_column import Choose, WorkerChoiceColumn, WorkerChoiceModel
from ui.qt import QColor, QObject
from ui.review import FamilyRow, ProposalReview

UNALLOCATED = "(leave unallocated)"


@dataclass(frozen=True, slots=True)
class ProposalRow:
    """One family of the week as the review stands."""

    family: FamilyRow
    proposed_name: str
    final_worker_id: WorkerId | None
    final_name: str
    before: float | None
    after: float | None
    overridden: bool
    candidates: tuple[tuple[str, str], ...]  # (worker id, label); "" = leave unallocated


def _change(row: ProposalRow) -> str:
    if row.before is None or row.after is None:
        return ""
    return f"from {percent(row.before)} to {percent(row.after)}"


def _why(row: ProposalRow) -> str:
    if row.final_worker_id is None:
        return row.family.unallocated_reason or "left unallocated by the manager"
    return joined(row.family.reasons)


def _final_colour(row: ProposalRow) -> QColor | None:
    if row.final_worker_id is None:
        return QColor("#FFC7CE")
    return QColor("#DDEBF7") if row.overridden else None


COLUMNS = (
    Column("Family", lambda r: r.family.family_id),
    Column("Children", lambda r: joined(r.family.child_ids), tip="The family's new children"),
    Column(
        "Team",
        lambda r: (
            f"{r.family.team} (overflow from {r.family.home_team})"
            if r.family.overflow
            else r.family.team or ""
        ),
        tip="The family's team; an overflow names the team that took it and its own",
    ),
    Column(
        "Weight",
        lambda r: number(r.family.weight),
        lambda r: r.family.weight,
        "The family's new children's weights added",
        right=True,
    ),
    Column("Proposed", lambda r: r.proposed_name or "unallocated", tip="The engine's proposal"),
    Column(
        "Final worker",
        lambda r: r.final_name or UNALLOCATED,
        tip="Double-click to choose another worker (an override needs a reason)",
        background=_final_colour,
    ),
    Column(
        "Load change",
        _change,
        lambda r: r.after,
        "The final worker's load as a share of capacity: before and after this week",
        lambda r: load_colour(r.after) if r.after is not None else None,
    ),
    Column(
        "Reasons",
        _why,
        tip="Why this worker, or why no one could take the family",
        cell_tip=lambda r: "\n".join(r.family.reasons) or _why(r),
    ),
)
FINAL_COLUMN = 5
# "" (leave unallocated) is always a choice; choosing the final worker again changes nothing.
FINAL_CHOICE = WorkerChoiceColumn(
    FINAL_COLUMN,
    family=lambda r: r.family.family_id,
    current=lambda r: r.final_worker_id,
    chosen_by_manager=lambda r: r.overridden,
    candidates=lambda r: r.candidates,
    blank_always_allowed=True,
    ignore_unchanged=True,
)


def _final_name(review: ProposalReview, names: dict[WorkerId, str], family: FamilyId) -> str:
    """The final worker's name, marked when the manager pinned the family to them."""
    final = review.final[family]
    if final is None:
        return ""
    return names.get(final, final) + (" (pinned by you)" if review.pin(family) == final else "")


class ProposalModel(WorkerChoiceModel):
    """The families of the reviewed proposal; "Final worker" edits through `choose`."""

    def __init__(self, choose: Choose | None = None, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda r: r.family.family_id, FINAL_CHOICE, choose, parent)

    def set_review(self, review: ProposalReview | None) -> None:
        """Show the review's families with their final choices (none: empty)."""
        if review is None:
            self.set_rows([])
            return
        names = {w.worker_id: w.name for w in review.data.workers}
        rows = []
        for family in review.rows:
            final = review.final[family.family_id]
            before, after = review.load_change(final) if final else (None, None)
            candidates = (
                ("", UNALLOCATED),
                *(
                    (
                        w.worker_id,
                        f"{w.name} ({w.role.value}, {percent(review.after[w.worker_id].ratio)})",
                    )
                    for w in review.candidates(family.family_id)
                ),
            )
            rows.append(
                ProposalRow(
                    family=family,
                    proposed_name=names.get(family.proposed_worker_id, "")
                    if family.proposed_worker_id
                    else "",
                    final_worker_id=final,
                    final_name=_final_name(review, names, family.family_id),
                    before=before,
                    after=after,
                    overridden=review.is_overridden(family.family_id),
                    candidates=candidates,
                )
            )
        self.set_rows(rows)
