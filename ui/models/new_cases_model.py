"""The This week view's model: the new children to allocate (edited through the case form)."""

from __future__ import annotations

from fsp_allocator.domain import Child, TeamData
from fsp_allocator.weighting import child_weights
from ui.formatting import day, joined, number
from ui.models.caseload_model import CaseRow, factor_tip
from ui.models.table_base import Column, RowTableModel
from ui.qt import QObject

COLUMNS = (
    Column("Child", lambda r: r.child.child_id, tip="Child id (no names are held)"),
    Column("Family", lambda r: r.child.family_id, tip="Siblings share a family id"),
    Column("Team", lambda r: r.child.team or ""),
    Column("Stage", lambda r: r.child.stage.value),
    Column(
        "Factors",
        lambda r: joined(r.child.factors),
        tip="CIN census factor codes",
        cell_tip=lambda r: factor_tip(r.child.factors),
    ),
    Column("Weight", lambda r: number(r.weight), lambda r: r.weight, right=True),
    Column(
        "Referral",
        lambda r: day(r.child.referral_date),
        lambda r: r.child.referral_date,
        "Older referrals are more urgent",
    ),
    Column("Known worker", lambda r: r.worker_name, tip="Previous worker (continuity)"),
    Column("Needs", lambda r: joined(r.child.needs)),
    Column("Pinned to", lambda r: r.child.pin_worker_id or "", tip="The manager's decision"),
    Column(
        "Excluded",
        lambda r: joined(r.child.exclude_worker_ids),
        tip="Workers who must not hold this family",
    ),
)


class NewCasesModel(RowTableModel):
    """The children with no lead worker yet."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda r: r.child.child_id, parent)

    def set_data(self, data: TeamData) -> None:
        """Show the new children of `data`."""
        names: dict[str | None, str] = {w.worker_id: w.name for w in data.workers}
        weights = child_weights(data.children, data.settings)
        self.set_rows(
            [
                CaseRow(
                    c,
                    names.get(c.previous_worker_id, c.previous_worker_id or ""),
                    weights[c.child_id],
                )
                for c in data.children
                if c.is_new
            ]
        )

    def child_at(self, row: int) -> Child:
        """The child shown at source row `row`."""
        return self.rows[row].child
