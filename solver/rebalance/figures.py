"""A plan's figures, recomputed from its assignment alone: loads, aims and frontier values.

The validator, the by-hand baseline and the brute-force tests use these, and the model's
aims are the same quantities written as constraints (`model.py`), so a test can compare
the model's optimum with an enumeration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from solver.rebalance.instance import MovingFamily, RebalanceInstance

AIM_NAMES = (
    "Re-home forced families, most urgent first",
    "Keep forced families with a worker who knows them",
    "Lowest highest load / capacity",
    "Fewest workers above capacity",
    "Even load / capacity",
    "Fewest voluntary moves",
)
FEWEST_MOVES = AIM_NAMES[-1]
MAX_EXACT_WEIGHT = 2**55


def balance_rank(values: Mapping[str, int]) -> tuple[int, ...]:
    """Aims 1-3 (every aim but the fewest moves) of a plan's `aim_values`, in order: the
    rank by which points compare (lower is better)."""
    return tuple(values[name] for name in AIM_NAMES if name != FEWEST_MOVES)


def unplaced_weights(families: tuple[MovingFamily, ...]) -> dict[str, int]:
    """Aim 1's cost of leaving each forced family unplaced (workbook aim 1's order).

    By urgency class first; within a class one more family re-homed always wins, then the
    older referrals. Each level's cost exceeds the total of every level below it, so the
    sum is lexicographic. Should exact weights pass 2^55, each class counts families only.
    """
    forced = [f for f in families if f.forced]
    weights: dict[str, int] = {}
    multiplier = 1
    for urgency in sorted({f.urgency for f in forced}, reverse=True):
        members = [f for f in forced if f.urgency == urgency]
        seniority: dict[int, int] = {}
        total = 0
        for rank in sorted({f.referral_rank for f in members}, reverse=True):
            seniority[rank] = total + 1
            total += seniority[rank] * sum(1 for f in members if f.referral_rank == rank)
        unit = total + 1
        for f in members:
            weights[f.id] = multiplier * (unit + seniority[f.referral_rank])
        multiplier *= len(members) * unit + total + 1
    if multiplier > MAX_EXACT_WEIGHT:
        counts: dict[str, int] = {}
        step = 1
        for urgency in sorted({f.urgency for f in forced}, reverse=True):
            members = [f for f in forced if f.urgency == urgency]
            for f in members:
                counts[f.id] = step
            step *= len(members) + 1
        return counts
    return weights


@dataclass(frozen=True, slots=True)
class PlanState:
    """Every worker's load and court families after a plan, and who received what."""

    load: Mapping[str, int]
    added_court: Mapping[str, int]
    receives: frozenset[str]  # workers given a family that is not fixed to them
    voluntary_moves: int


def plan_state(instance: RebalanceInstance, assignment: Mapping[str, str | None]) -> PlanState:
    """Loads after the plan: each moved family leaves its worker and joins its receiver."""
    load = {w.id: w.load for w in instance.workers}
    court = dict.fromkeys(load, 0)
    receives: set[str] = set()
    moves = 0
    for family in instance.families:
        to = assignment.get(family.id)
        if to is None:
            continue
        if family.from_worker in load:
            load[family.from_worker] -= family.weight
        if to in load:
            load[to] += family.weight
            court[to] += int(family.court)
        if to != family.fixed_worker:
            receives.add(to)
        moves += int(not family.forced)
    return PlanState(load, court, frozenset(receives), moves)


MAX_EXACT_SCALE = 10**7  # beyond it (capacities with a huge common multiple) ratios round
FALLBACK_SCALE = 10**4  # load / capacity in ten-thousandths, rounded down, past that


@dataclass(frozen=True, slots=True)
class RatioScale:
    """How aim 3 measures load / capacity: each worker's ratio as an integer `ratio(load)`.

    The scale is the least common multiple of the capacities, so every ratio is exact (load
    x scale / capacity, no rounding): the model's balance terms are then linear in the
    moves, with no rounding variable, and equal ratios really are equal. Only when that
    multiple passes `MAX_EXACT_SCALE` do ratios round down to ten-thousandths.
    """

    scale: int
    exact: bool
    multiplier: Mapping[str, int]  # worker -> scale // capacity (exact scales only)

    def ratio(self, worker_id: str, load: int, capacity: int) -> int:
        """load / capacity on this scale (rounded down when not exact)."""
        if self.exact:
            return load * self.multiplier[worker_id]
        return (self.scale * load) // capacity

    def highest(self, worker_id: str, load: int, capacity: int) -> int:
        """load / capacity on this scale, rounded up: aim 3's highest ratio."""
        if self.exact:
            return load * self.multiplier[worker_id]
        return -(-self.scale * load // capacity)


def ratio_scale(instance: RebalanceInstance) -> RatioScale:
    """The scale of the instance's balanced workers with a capacity."""
    rated = [w for w in instance.workers if w.balanced and w.capacity > 0]
    scale = math.lcm(*(w.capacity for w in rated)) if rated else 1
    if scale > MAX_EXACT_SCALE:
        return RatioScale(FALLBACK_SCALE, False, {})
    return RatioScale(scale, True, {w.id: scale // w.capacity for w in rated})


def aim_values(instance: RebalanceInstance, assignment: Mapping[str, str | None]) -> dict[str, int]:
    """Each aim's cost for this plan, in the aims' order (lower is better).

    Aim 3's figures are on `ratio_scale(instance)`: the highest ratio, and the spread as
    Σ max(0, n·r − Σr) over the n rated workers, which is half of Σ |n·r − Σr|, that is
    n/2 × Σ |r − mean| exactly (the deviations above the mean equal those below it).
    """
    state = plan_state(instance, assignment)
    weights = unplaced_weights(instance.families)
    unplaced = sum(
        weights[f.id] for f in instance.families if f.forced and not assignment.get(f.id)
    )
    continuity = sum(
        1
        for f in instance.families
        if f.forced and f.continuity_worker and assignment.get(f.id) != f.continuity_worker
    )
    balanced = [w for w in instance.workers if w.balanced]
    rated = [w for w in balanced if w.capacity > 0]
    scale = ratio_scale(instance)
    highest = max((scale.highest(w.id, state.load[w.id], w.capacity) for w in rated), default=0)
    over = sum(1 for w in balanced if state.load[w.id] > w.capacity)
    ratios = [scale.ratio(w.id, state.load[w.id], w.capacity) for w in rated]
    n, total = len(ratios), sum(ratios)
    spread = sum(max(0, n * r - total) for r in ratios)
    return dict(
        zip(
            AIM_NAMES,
            (unplaced, continuity, highest, over, spread, state.voluntary_moves),
            strict=True,
        )
    )


def frontier_figures(
    instance: RebalanceInstance, assignment: Mapping[str, str | None]
) -> tuple[float, int]:
    """The highest load / capacity (exact, 4 decimals) and the count above capacity."""
    state = plan_state(instance, assignment)
    balanced = [w for w in instance.workers if w.balanced]
    highest = max((state.load[w.id] / w.capacity for w in balanced if w.capacity > 0), default=0.0)
    over = sum(1 for w in balanced if state.load[w.id] > w.capacity)
    return round(highest, 4), over
