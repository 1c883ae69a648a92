"""When to suggest a rebalance: someone holding families leaves soon, or anyone is overloaded.

The Team view's banner shows `rebalance_warning(data)`; None means all is well. A leaver is a
lead worker whose `available_to` falls within `LEAVER_WEEKS` of the week (or has passed) and
who still leads an open child; overload is a lead worker above capacity now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from fsp_allocator.domain import TeamData, WorkerId
from fsp_allocator.weighting import worker_loads
from ui.formatting import percent

LEAVER_WEEKS = 4


@dataclass(frozen=True, slots=True)
class RebalanceWarning:
    """What the banner says, and whose caseloads the Rebalance view should release."""

    text: str
    leavers: tuple[WorkerId, ...]


def leavers(data: TeamData) -> tuple[WorkerId, ...]:
    """Lead workers holding open children who leave within `LEAVER_WEEKS` of the week."""
    until = data.settings.week + timedelta(weeks=LEAVER_WEEKS)
    holding = {c.worker_id for c in data.open_children()}
    return tuple(
        w.worker_id
        for w in data.workers
        if w.role.leads
        and w.available_to is not None
        and w.available_to <= until
        and w.worker_id in holding
    )


def rebalance_warning(data: TeamData) -> RebalanceWarning | None:
    """The banner's sentence for `data`, or None when nobody leaves soon and nobody is over."""
    names = data.worker_index()
    going = leavers(data)
    loads = worker_loads(data)
    over = sorted(
        (
            load
            for worker_id, load in loads.items()
            if names[worker_id].role.leads and worker_id not in going and load.ratio > 1.0
        ),
        key=lambda load: -load.ratio,
    )
    parts = []
    for worker_id in going:
        worker = names[worker_id]
        when = worker.available_to
        verb = "left" if when is not None and when < data.settings.week else "leaves"
        day = f"{when:%-d %B}" if when is not None else ""
        held = sum(1 for c in data.open_children() if c.worker_id == worker_id)
        parts.append(f"{worker.name} {verb} on {day} holding {held} child(ren).")
    if over:
        worst = over[0]
        parts.append(
            f"{len(over)} worker(s) above capacity (the highest, "
            f"{names[worst.worker_id].name}, at {percent(worst.ratio)})."
        )
    if not parts:
        return None
    return RebalanceWarning(" ".join(parts) + " Re-home the caseloads to rebalance.", going)
