"""Small random rebalance instances and a brute force over every plan, for the tests."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

from solver.rebalance import MovingFamily, RebalanceInstance, TeamWorker, rule_checks
from solver.rebalance.figures import aim_values, plan_state


def random_instance(
    seed: int, workers: int = 4, families: int = 6, k: int = 2
) -> RebalanceInstance:
    """A team with one released worker (the first), forced and voluntary families."""
    rng = random.Random(seed)
    team: list[TeamWorker] = []
    for i in range(workers):
        capacity = rng.choice([800, 1000, 1500])
        team.append(
            TeamWorker(
                id=f"W{i}",
                capacity=capacity,
                max_load=capacity * 12 // 10,
                load=rng.randint(capacity // 2, capacity * 13 // 10),
                court_load=rng.randint(0, 3),
                court_cap=3,
                balanced=i != 0,
            )
        )
    receivers = [w.id for w in team[1:]]
    moving: list[MovingFamily] = []
    for j in range(families):
        forced = j < families // 2
        source = "W0" if forced else rng.choice(receivers)
        eligible = tuple(w for w in receivers if w != source and rng.random() < 0.85)
        fixed = rng.choice(eligible) if forced and eligible and rng.random() < 0.15 else None
        continuity = fixed or (
            rng.choice(eligible) if forced and eligible and rng.random() < 0.5 else None
        )
        moving.append(
            MovingFamily(
                id=f"F{j}",
                from_worker=source,
                weight=rng.choice([100, 150, 250, 400]),
                court=forced and rng.random() < 0.3,
                forced=forced,
                urgency=rng.randint(0, 3),
                referral_rank=rng.randint(0, 2),
                eligible=eligible,
                fixed_worker=fixed,
                continuity_worker=continuity,
            )
        )
    # each voluntary candidate's weight is part of its worker's load
    loads = {w.id: w.load for w in team}
    for f in moving:
        if f.from_worker in loads:
            loads[f.from_worker] += f.weight
    team = [
        TeamWorker(w.id, w.capacity, w.max_load, loads[w.id], w.court_load, w.court_cap, w.balanced)
        for w in team
    ]
    return RebalanceInstance("T", tuple(team), tuple(moving), k)


def _plans(instance: RebalanceInstance) -> Iterator[dict[str, str | None]]:
    options: list[list[str | None]] = []
    for f in instance.families:
        if f.forced and f.fixed_worker is not None:
            options.append([f.fixed_worker])
        else:
            options.append([None, *[w for w in f.eligible if w != f.from_worker]])
    for combo in itertools.product(*options):
        yield dict(zip((f.id for f in instance.families), combo, strict=True))


def keeps_rules(instance: RebalanceInstance, plan: dict[str, str | None], k: int) -> bool:
    """The hard rules, through the same `rule_checks` the model uses."""
    state = plan_state(instance, plan)
    if state.voluntary_moves > k:
        return False
    workers = {w.id: w for w in instance.workers}
    for f in instance.families:
        to = plan.get(f.id)
        if to is None or (f.forced and to == f.fixed_worker):
            continue
        final = rule_checks.state(workers[to], state.load[to], state.added_court[to])
        if not rule_checks.fits(final.without(rule_checks.demand(f)), f):
            return False
    return True


def brute_force(instance: RebalanceInstance, k: int) -> tuple[int, ...]:
    """The lexicographically best aims' values over every plan with at most k moves."""
    return min(
        tuple(aim_values(instance, plan).values())
        for plan in _plans(instance)
        if keeps_rules(instance, plan, k)
    )
