"""The History view's models: past allocation decisions and the audit trail (read-only).

The audit trail is append-only in the workspace; the app offers no way to edit it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fsp_allocator.workspace import AuditEntry, Decision
from fsp_allocator.workspace.audit_text import AuditText, described
from fsp_allocator.workspace.decision_text import what
from ui.formatting import day, joined, moment
from ui.models.table_base import Column, RowTableModel
from ui.qt import QColor, QObject


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A decision with its workers' names for display."""

    decision: Decision
    worker_name: str
    proposed_name: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.decision, name)


def _allocated(decision: Decision, names: Mapping[str, str]) -> str:
    """The worker chosen, or for a rebalance's move "moved from A to B"."""
    if decision.kind == "move":
        return what(decision, names)
    return _who(decision.worker_id, names)


def _who(worker_id: str | None, names: Mapping[str, str]) -> str:
    if worker_id is None:
        return "unallocated"
    return f"{names[worker_id]} ({worker_id})" if worker_id in names else worker_id


DECISION_COLUMNS = (
    Column("Week", lambda d: day(d.week), lambda d: d.week),
    Column("Child", lambda d: d.child_id),
    Column("Family", lambda d: d.family_id),
    Column("Allocated to", lambda d: d.worker_name),
    Column("Proposed", lambda d: d.proposed_name, tip="What the engine proposed"),
    Column("Decided by", lambda d: d.decided_by),
    Column("When", lambda d: moment(d.decided_at), lambda d: d.decided_at),
    Column(
        "Manager's reason",
        lambda d: d.manager_reason or "",
        tip="Given where the manager changed the proposal",
        background=lambda d: QColor("#DDEBF7") if d.manager_reason else None,
    ),
    Column(
        "Engine's reasons", lambda d: joined(d.reasons), cell_tip=lambda d: "\n".join(d.reasons)
    ),
)


@dataclass(frozen=True, slots=True)
class AuditRow:
    """An audit entry in words (`workspace.audit_text`): names beside ids, readable fields."""

    entry: AuditEntry
    text: AuditText


AUDIT_COLUMNS = (
    Column("When", lambda a: moment(a.entry.at), lambda a: (a.entry.at, a.entry.id)),
    Column("Who", lambda a: a.entry.user),
    Column("Action", lambda a: a.text.verb),
    Column("What", lambda a: a.text.what, tip="Workers are named beside their ids"),
    Column("Field", lambda a: a.text.field, cell_tip=lambda a: a.entry.field or ""),
    Column("Old", lambda a: a.text.old),
    Column("New", lambda a: a.text.new),
)


class DecisionsModel(RowTableModel):
    """Every allocation decision on record, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            DECISION_COLUMNS, lambda d: f"{d.week}|{d.child_id}|{d.decided_at}", parent
        )

    def set_decisions(
        self, decisions: Sequence[Decision], names: Mapping[str, str] | None = None
    ) -> None:
        """Show `decisions`, newest first, with workers' names where known."""
        names = names or {}
        ordered = sorted(decisions, key=lambda d: d.decided_at, reverse=True)
        self.set_rows(
            [
                DecisionRow(d, _allocated(d, names), _who(d.proposed_worker_id, names))
                for d in ordered
            ]
        )


class AuditModel(RowTableModel):
    """The audit trail: every change to roster, cases, settings and allocations."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(AUDIT_COLUMNS, lambda a: str(a.entry.id), parent)

    def set_entries(
        self, entries: Sequence[AuditEntry], names: Mapping[str, str] | None = None
    ) -> None:
        """Show `entries`, newest first, in words, with workers' names where known."""
        names = names or {}
        ordered = sorted(entries, key=lambda a: (a.at, a.id), reverse=True)
        self.set_rows([AuditRow(e, described(e, names)) for e in ordered])
