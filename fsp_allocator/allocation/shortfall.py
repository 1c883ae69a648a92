"""When capacity runs out: what does not fit this week, how many workers' worth, and what to do.

A plain summary of the proposal's unallocated families (no Qt, no solver), so the app's review
and `fsp-allocator allocate` say the same: the weighted units and families that do not fit,
that many units as workers at FTE 1 (units ÷ the target caseload), the families by urgency
(aim 1's classes), and the ways forward (rebalance, overflow, planning).
"""

from __future__ import annotations

from dataclasses import dataclass

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import STAGE_URGENCY, FamilyId, TeamData
from fsp_allocator.weighting import child_weights

# aim 1's urgency classes (domain.STAGE_URGENCY), most urgent first
URGENCY_LABELS = ("court, PLO or child protection", "looked after", "assessment", "child in need")


@dataclass(frozen=True, slots=True)
class Shortfall:
    """What this week's proposal could not place."""

    families: int
    children: int
    units: float  # the weighted units of the unallocated children
    worker_capacity: float  # one worker's capacity at FTE 1 (the target caseload)
    by_urgency: tuple[tuple[str, int], ...]  # (class, families), most urgent first, none empty
    overflow_on: bool

    @property
    def workers_worth(self) -> float:
        """The units as workers at FTE 1 (0 when the capacity is not set)."""
        return self.units / self.worker_capacity if self.worker_capacity > 0 else 0.0


def shortfall(data: TeamData, proposal: AllocationProposal) -> Shortfall | None:
    """The shortfall of `proposal` over `data`, or None when every new family is placed."""
    if not proposal.unallocated:
        return None
    weights = child_weights(data.children, data.settings)
    left = {u.child_id for u in proposal.unallocated}
    family_ids = {u.family_id for u in proposal.unallocated}
    urgency: dict[FamilyId, int] = {}
    for child in data.new_children():
        if child.child_id in left:
            rank = STAGE_URGENCY[child.stage]
            urgency[child.family_id] = min(rank, urgency.get(child.family_id, rank))
    counts = [0] * len(URGENCY_LABELS)
    for family in family_ids:
        counts[urgency.get(family, len(URGENCY_LABELS) - 1)] += 1
    return Shortfall(
        families=len(family_ids),
        children=len(left),
        units=round(sum(weights.get(c, 0.0) for c in left), 1),
        worker_capacity=data.settings.target_caseload,
        by_urgency=tuple((label, n) for label, n in zip(URGENCY_LABELS, counts, strict=True) if n),
        overflow_on=data.settings.overflow,
    )


def shortfall_line(s: Shortfall) -> str:
    """`Capacity ran out: 31 families (74 children, 182.5 units) do not fit, about 7.3
    workers' worth at FTE 1 (25 units each).`"""
    return (
        f"Capacity ran out: {s.families} family(ies) ({s.children} child(ren), {s.units:g} "
        f"weighted units) do not fit, about {s.workers_worth:.1f} workers' worth at FTE 1 "
        f"({s.worker_capacity:g} units each)."
    )


def urgency_line(s: Shortfall) -> str:
    """`Unallocated by urgency: 12 court, PLO or child protection, 4 child in need.`"""
    parts = ", ".join(f"{n} {label}" for label, n in s.by_urgency)
    return f"Unallocated families by urgency: {parts}."


def ways_forward(s: Shortfall) -> list[str]:
    """What the manager can do next, each with where to do it."""
    ways = [
        "Rebalance the open caseloads to make room: `fsp-allocator rebalance` or the "
        "Rebalance view.",
    ]
    if not s.overflow_on:
        ways.append(
            "Let families overflow to another team's worker: the Allocate view's overflow "
            "switch (`--overflow` on the command line)."
        )
    ways.append("Plan the capacity the team needs: the Planning view (`fsp-allocator plan`).")
    return ways


def shortfall_lines(s: Shortfall) -> list[str]:
    """The whole summary: the shortfall, the families by urgency, then the ways forward."""
    return [
        shortfall_line(s),
        urgency_line(s),
        "Ways forward:",
        *(f"• {w}" for w in ways_forward(s)),
    ]
