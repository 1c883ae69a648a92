"""What placing a family with one worker would cost, in words: the aims it makes worse.

The figures are `alternatives`' deltas (an aim's value in that plan minus the current
plan's), each in its aim's own units: weights in hundredths of a unit, load ratios in
thousandths (said as percentage points).
"""

from __future__ import annotations

from collections.abc import Mapping

from solver.rules import allocation, continuity, highest_ratio, over_capacity, skills, spread

UNALLOCATED_AIMS = frozenset(aim.name for aim in allocation.AIMS)


def _points(delta: int, what: str) -> str:
    """A change in thousandths of load ÷ capacity, as percentage points up or down."""
    return f"{what} {abs(delta) / 10:.1f} points {'higher' if delta > 0 else 'lower'}"


def _phrase(name: str, delta: int) -> str:
    """One aim's change in words (`delta` > 0 is worse, < 0 better)."""
    worse = delta > 0
    if name in UNALLOCATED_AIMS:
        return "leaves a more urgent family unallocated" if worse else "allocates the family"
    if name == continuity.AIM.name:
        n = abs(delta)
        families = "family" if n == 1 else "families"
        return f"{n} {'fewer' if worse else 'more'} {families} kept with a known worker"
    if name == over_capacity.AIM.name:
        return f"{abs(delta) / 100:.1f} {'more' if worse else 'fewer'} units above capacity"
    if name == highest_ratio.AIM.name:
        return _points(delta, "highest load")
    if name == spread.AIM.name:
        return _points(delta, "spread of loads")
    if name == skills.AIM.name:
        return f"{abs(delta)} {'fewer' if worse else 'more'} skill or locality match points"
    return f"{name} {delta:+d}"


def cost_sentence(cost: Mapping[str, int], current: bool = False) -> str:
    """'No cost: as good as the current plan on every aim.', or what gets worse ('Costs:
    highest load 5.0 points higher; …') and better ('Gains: …'), in the aims' order."""
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
