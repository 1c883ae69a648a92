"""Workers and families of the workbook as the solver's rules see them.

The hard rules live once, in `solver.rules` (one file each); the core asks them through
these two records, so eligibility, the reasons, "why not?" and the alternatives judge a
pair exactly as the model does. Loads are in hundredths (`solver.SCALE`).
"""

from __future__ import annotations

import math
from datetime import date

from fsp_allocator.domain import ROLE_LABELS, Family, Role, Settings, TeamName, Worker
from fsp_allocator.weighting import WorkerLoad
from solver import SCALE
from solver.rules import FamilyDemand, WorkerState


def to_units(value: float) -> int:
    """A weight, load or capacity in hundredths (`solver.SCALE`)."""
    return round(value * SCALE)


def ceiling_units(capacity: float, settings: Settings) -> int:
    """Rule 7's ceiling in hundredths: capacity × max_load_ratio, rounded down."""
    return math.floor(capacity * settings.max_load_ratio * SCALE + 1e-6)


def worker_facts(
    worker: Worker,
    load: WorkerLoad | None = None,
    court_cap: int = 0,
    settings: Settings | None = None,
    court_before: int | None = None,
) -> WorkerState:
    """`worker` with their eligibility facts and, when given, their load figures `load`.

    `court_before` is the court load before the week (default: `load.court`).
    """
    capacity = load.capacity if load is not None else 0.0
    court = load.court if load is not None else 0
    return WorkerState(
        id=worker.worker_id,
        capacity=to_units(capacity),
        max_load=ceiling_units(capacity, settings) if settings is not None else 0,
        load=to_units(load.load) if load is not None else 0,
        court_load=court,
        court_cap=court_cap,
        court_before=court if court_before is None else court_before,
        name=worker.name,
        team=worker.team,
        leads=worker.role.leads,
        role_label=ROLE_LABELS[worker.role].lower(),
        newly_qualified=worker.role is Role.ASYE,
        available_from=worker.available_from,
        available_to=worker.available_to,
        accepting=worker.accepting,
        ceiling_ratio=settings.max_load_ratio if settings is not None else 0.0,
    )


def family_facts(family: Family, team: TeamName | None, week: date) -> FamilyDemand:
    """`family`'s eligibility facts: its team, court children, exclusions, the week."""
    return FamilyDemand(
        id=family.family_id,
        weight=0,
        court=False,
        team=team,
        has_court_child=family.has_court_child,
        excluded=frozenset(w for child in family.children for w in child.exclude_worker_ids),
        week=week,
    )
