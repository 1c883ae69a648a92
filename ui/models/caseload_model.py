"""The Caseload view's model: open children by lead worker, stage and factors (read-only)."""

from __future__ import annotations

from dataclasses import dataclass

from fsp_allocator.domain import STAGE_LABELS, Child, TeamData
from fsp_allocator.factors import describe, is_valid_code
from fsp_allocator.weighting import child_weights
from ui.formatting import day, joined, number
from ui.models.table_base import Column, RowTableModel
from ui.qt import QObject


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One open child with its lead worker's name and its weight."""

    child: Child
    worker_name: str
    weight: float
    adult_names: str = ""


def factor_tip(codes: tuple[str, ...]) -> str:
    """'3B domestic abuse (parent/carer); ...' for a list of codes."""
    return "; ".join(f"{c} {describe(c)}" for c in codes if is_valid_code(c))


COLUMNS = (
    Column("Child", lambda r: r.child.child_id, tip="Child id (no names are held)"),
    Column("Family", lambda r: r.child.family_id),
    Column("Worker", lambda r: r.worker_name, tip="Lead worker"),
    Column("Team", lambda r: r.child.team or ""),
    Column(
        "Stage",
        lambda r: r.child.stage.value,
        tip="; ".join(f"{s.value}: {label}" for s, label in STAGE_LABELS.items()),
    ),
    Column(
        "Factors",
        lambda r: joined(r.child.factors),
        tip="CIN census factor codes",
        cell_tip=lambda r: factor_tip(r.child.factors),
    ),
    Column("Weight", lambda r: number(r.weight), lambda r: r.weight, right=True),
    Column("Referral", lambda r: day(r.child.referral_date), lambda r: r.child.referral_date),
    Column("Locality", lambda r: r.child.locality or ""),
    Column("Adult workers", lambda r: r.adult_names, tip="Adult practitioners with the family"),
)


class CaseloadModel(RowTableModel):
    """Every open child of the workspace."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda r: r.child.child_id, parent)

    def set_data(self, data: TeamData) -> None:
        """Show the open children of `data`."""
        names: dict[str | None, str] = {w.worker_id: w.name for w in data.workers}
        weights = child_weights(data.children, data.settings)
        self.set_rows(
            [
                CaseRow(
                    c,
                    names.get(c.worker_id, c.worker_id or ""),
                    weights[c.child_id],
                    joined(names.get(a, a) for a in c.adult_worker_ids),
                )
                for c in data.children
                if not c.is_new
            ]
        )
