"""A team's plan measured against the ordered aims, to say in words what a change costs.

Measured from a proposal (not from the solver's objective), so "why not?" compares exactly
what the manager sees: unallocated children, continuity, loads, matches, adult pairing.
"""

from __future__ import annotations

from dataclasses import dataclass

from fsp_allocator.allocation.instance_builder import TeamPlan
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.reasons import percent

RATIO_TOLERANCE = 0.005  # half a percentage point: smaller changes are not worth saying


@dataclass(frozen=True, slots=True)
class AimFigures:
    """One team's figures per aim, higher-is-worse except where named otherwise."""

    unallocated_children: int
    continuity_families: int  # higher is better
    over_capacity: int
    highest_ratio: float
    spread: float
    matches: int  # higher is better
    unpaired_roles: int


def figures(proposal: AllocationProposal, team: TeamPlan) -> AimFigures:
    """The figures of `team` in `proposal`."""
    families = team.families
    lead_of = {a.family_id: a.worker_id for a in proposal.allocations if a.family_id in families}
    adults_of = {a.family_id: a.adult_worker_ids for a in proposal.allocations}
    continuity = {a.family_id for a in proposal.allocations if a.continuity}
    roles = {w.worker_id: w.role.value for w in proposal.workload}
    leads = [
        w for w in proposal.workload if w.team == team.team and w.role.leads and w.capacity > 0
    ]
    ratios = [w.ratio_after for w in leads] or [0.0]
    unpaired = 0
    for fid in lead_of:
        covered = {roles.get(a) for a in adults_of.get(fid, ())}
        unpaired += sum(1 for r in families[fid].unit.adult_roles if r not in covered)
    return AimFigures(
        unallocated_children=sum(1 for u in proposal.unallocated if u.family_id in families),
        continuity_families=len(continuity & set(lead_of)),
        over_capacity=sum(1 for w in leads if w.ratio_after > 1.0 + 1e-9),
        highest_ratio=max(ratios),
        spread=max(ratios) - min(ratios),
        matches=sum(families[f].unit.match.get(w, 0) for f, w in lead_of.items()),
        unpaired_roles=unpaired,
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def cost_phrases(before: AimFigures, after: AimFigures) -> list[str]:
    """What gets worse from `before` to `after`, aim by aim, in the aims' order."""
    phrases: list[str] = []
    if after.unallocated_children > before.unallocated_children:
        n = after.unallocated_children - before.unallocated_children
        phrases.append(f"{_count(n, 'more child', 'more children')} left unallocated")
    if after.continuity_families < before.continuity_families:
        n = before.continuity_families - after.continuity_families
        phrases.append(f"{_count(n, 'fewer family', 'fewer families')} kept with its known worker")
    if after.over_capacity > before.over_capacity:
        n = after.over_capacity - before.over_capacity
        phrases.append(f"{_count(n, 'more worker', 'more workers')} over capacity")
    if after.highest_ratio > before.highest_ratio + RATIO_TOLERANCE:
        phrases.append(
            f"the highest load would rise from {percent(before.highest_ratio)} "
            f"to {percent(after.highest_ratio)}"
        )
    if after.spread > before.spread + RATIO_TOLERANCE:
        phrases.append(
            "loads would be less even (the gap between the most and least loaded would grow "
            f"from {before.spread * 100:.0f} to {after.spread * 100:.0f} percentage points)"
        )
    if after.matches < before.matches:
        n = before.matches - after.matches
        phrases.append(
            f"{_count(n, 'fewer skill or locality match', 'fewer skill or locality matches')}"
        )
    if after.unpaired_roles > before.unpaired_roles:
        n = after.unpaired_roles - before.unpaired_roles
        phrases.append(
            f"{_count(n, 'more family need', 'more family needs')} "
            "left without an adult practitioner"
        )
    return phrases
