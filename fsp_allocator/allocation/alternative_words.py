"""What placing a family with one worker would cost, in words: the aims it makes worse.

The figures are `alternatives`' deltas (an aim's value in that plan minus the current
plan's), each in its aim's own units; the load aims are said in percentage points.
"""

from __future__ import annotations

from collections.abc import Mapping

from solver.rules import allocation, continuity, highest_ratio, over_capacity, skills, spread

UNALLOCATED_AIMS = frozenset(aim.name for aim in allocation.AIMS)


def _phrase(name: str, delta: int) -> str:
    """One aim's change in words (`delta` > 0 is worse)."""
    if name in UNALLOCATED_AIMS:
        return "leaves a more urgent family unallocated" if delta > 0 else "allocates the family"
    if name == continuity.AIM.name:
        return (
            f"{delta} fewer family kept with its known worker"
            if delta > 0
            else (f"{-delta} more family kept with its known worker")
        )
    if name == over_capacity.AIM.name:
        return f"{delta / 100:+.1f} units above capacity"
    if name == highest_ratio.AIM.name:
        return f"highest load {delta / 10:+.1f} points"
    if name == spread.AIM.name:
        return f"spread of loads {delta / 10:+.1f} points"
    if name == skills.AIM.name:
        return f"skills and locality match {-delta:+d}"
    return f"{name} {delta:+d}"


def cost_sentence(cost: Mapping[str, int], current: bool = False) -> str:
    """'No cost: as good as the current plan.' or 'Costs: highest load +5.0 points; …'."""
    if current:
        return "Leads the family in the current plan."
    worse = [_phrase(name, d) for name, d in cost.items() if d > 0]
    better = [_phrase(name, d) for name, d in cost.items() if d < 0]
    if not worse and not better:
        return "No cost: as good as the current plan on every aim."
    parts = []
    if worse:
        parts.append(f"Costs: {'; '.join(worse)}.")
    if better:
        parts.append(f"Gains: {'; '.join(better)}.")
    return " ".join(parts)
