"""Small hand-built and random instances for the solver tests."""

from __future__ import annotations

import random
from types import MappingProxyType

from solver import AdultWorker, FamilyUnit, Instance, LeadWorker, Solution, validate


def worker(
    worker_id: str,
    capacity: int = 1500,
    load: int = 1000,
    court_load: int = 0,
    court_cap: int = 3,
    max_load: int | None = None,
) -> LeadWorker:
    """A lead worker; max_load defaults to capacity × 1.2."""
    ceiling = capacity * 12 // 10 if max_load is None else max_load
    return LeadWorker(worker_id, capacity, ceiling, load, court_load, court_cap)


def family(
    family_id: str,
    eligible: tuple[str, ...],
    weight: int = 100,
    court: bool = False,
    urgency: int = 3,
    rank: int = 0,
    **extra: object,
) -> FamilyUnit:
    """A family unit; extra keyword arguments go to FamilyUnit (fixed_worker, match, ...)."""
    if "match" in extra:
        extra["match"] = MappingProxyType(dict(extra["match"]))  # type: ignore[call-overload]
    return FamilyUnit(family_id, weight, court, urgency, rank, eligible, **extra)  # type: ignore[arg-type]


def assert_valid(instance: Instance, solution: Solution) -> None:
    """The solution keeps every hard rule and names every family exactly once."""
    assert validate(instance, solution) == []
    assert sorted(solution.assignment) == sorted(f.id for f in instance.families)


def random_instance(seed: int, workers: int = 8, families: int = 30) -> Instance:
    """A plausible team week: loads near capacity, some court work, pins, previous workers."""
    rng = random.Random(seed)
    leads = []
    for i in range(workers):
        capacity = rng.choice([0, 500, 1200, 1500, 1500, 1500])
        leads.append(
            worker(
                f"W{i}",
                capacity=capacity,
                load=rng.randint(capacity // 2, capacity * 13 // 10),
                court_load=rng.randint(0, 3),
                court_cap=rng.choice([2, 3, 3]),
            )
        )
    ids = [w.id for w in leads]
    units = []
    for j in range(families):
        eligible = tuple(sorted(rng.sample(ids, rng.randint(0, len(ids)))))
        fixed = rng.choice(eligible) if eligible and rng.random() < 0.1 else None
        units.append(
            family(
                f"F{j}",
                eligible,
                weight=rng.choice([80, 100, 150, 200, 300]),
                court=rng.random() < 0.25,
                urgency=rng.randint(0, 3),
                rank=rng.randint(0, families // 2),
                fixed_worker=fixed,
                previous_worker=rng.choice([*ids, None, None]),
                match={w: rng.randint(0, 2) for w in eligible},
                adult_roles=tuple(r for r in ("DA", "MH", "SM") if rng.random() < 0.3),
            )
        )
    adults = tuple(
        AdultWorker(f"A{k}", role, rng.randint(3, 10), rng.randint(0, 9), rng.random() < 0.8)
        for k, role in enumerate(["DA", "DA", "MH", "SM"])
    )
    return Instance("T", tuple(leads), tuple(units), adults)
