"""What the Rebalance view says about a plan and what Accept will record. Plain Python, no Qt.

`plan_summary` is the line over the moves table; `accept_plan` works out the manager's
changes that apply to the plan shown (a family kept that the plan no longer names is not
sent), the confirmation sentence and the reason dialog's rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from fsp_allocator.rebalance.result import RebalanceResult
from ui.dialogs.override_reason import Override

Choices = Mapping[FamilyId, WorkerId | None]


def plan_summary(result: RebalanceResult, choices: Choices) -> str:
    """'OPTIMAL: 9 child(ren) of 6 family(ies) move, 9 forced; …; 1 family(ies) changed by you.'"""
    forced = sum(1 for m in result.moves if m.forced)
    families = len({m.family_id for m in result.moves})
    kept = [f for f, w in choices.items() if w is None]
    parts = [
        f"{result.status}{' (cancelled: best so far)' if result.cancelled else ''}: "
        f"{len(result.moves)} child(ren) of {families} family(ies) move, {forced} forced; "
        f"{len(result.unplaced)} child(ren) nobody could take."
    ]
    if choices:
        parts.append(f"{len(choices)} family(ies) changed by you.")
    if kept:
        parts.append(f"Kept with their worker by you: {', '.join(kept)}.")
    parts += [f"Warning: {w}" for w in result.warnings]
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class AcceptPlan:
    """The changes to send, the sentence to confirm and the families that need a reason."""

    changes: dict[FamilyId, WorkerId | None]
    confirm: str
    overrides: list[Override]


def accept_plan(data: TeamData, result: RebalanceResult, choices: Choices) -> AcceptPlan:
    """What accepting `result` with the manager's `choices` will record."""
    names = {w.worker_id: w.name for w in data.workers}
    engine = {m.family_id: m.to_worker_id for m in result.moves}
    named = set(engine) | {u.family_id for u in result.unplaced}
    changes = {f: w for f, w in choices.items() if f in named}
    moving = {f for f in engine if changes.get(f, engine[f]) is not None}
    moving |= {f for f, w in changes.items() if w is not None}
    yours = f" ({len(changes)} changed by you)" if changes else ""
    confirm = (
        f"Record {len(moving)} family(ies) moving to a new worker{yours}? Each moved child's "
        "worker changes in the workspace, with a decision in the history."
    )
    overrides: list[Override] = [
        (
            f,
            names.get(engine.get(f) or WorkerId(""), "its worker"),
            "kept with its worker" if w is None else names.get(w, w),
        )
        for f, w in changes.items()
    ]
    return AcceptPlan(changes, confirm, overrides)
