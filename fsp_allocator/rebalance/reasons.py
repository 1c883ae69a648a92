"""Plain sentences for every move and every unplaced family.

A move says why the family moves ("Jo Bell leaves on 27 November 2026"), why this worker
("Sam Lee already works with this family's other children") and what it does to their
load ("Sam Lee goes from 82% to 97% of capacity"). An unplaced family names, for each
worker of the team, what stopped them: full, at the court cap (both through
`solver.rebalance.rule_checks`), or the eligibility sentence.
"""

from __future__ import annotations

from collections.abc import Mapping

from fsp_allocator.domain import Worker, WorkerId
from fsp_allocator.rebalance.builder import PIN, PREVIOUS, SIBLING, FamilyFacts
from solver.rebalance import TeamWorker, rule_checks
from solver.rebalance.figures import PlanState


def percent(load: float, capacity: float) -> str:
    """`load / capacity` as a whole percentage ('—' with no capacity)."""
    return f"{load / capacity:.0%}" if capacity > 0 else "—"


def _name(index: Mapping[WorkerId, Worker], worker_id: str) -> str:
    worker = index.get(WorkerId(worker_id))
    return worker.name if worker is not None else worker_id


def move_reasons(
    facts: FamilyFacts,
    to: str,
    state: PlanState,
    workers: Mapping[str, TeamWorker],
    index: Mapping[WorkerId, Worker],
) -> tuple[str, ...]:
    """Why the family moves, why to this worker, and the receiver's load before and after."""
    unit = facts.unit
    name = _name(index, to)
    reasons: list[str] = []
    if unit.forced:
        reasons.append(facts.why_moves)
    else:
        source = workers[unit.from_worker]
        reasons.append(
            f"Moved to relieve {_name(index, unit.from_worker)}, at "
            f"{percent(source.load, source.capacity)} of capacity before the rebalance"
        )
    if to == unit.fixed_worker and facts.fixed_kind == SIBLING:
        reasons.append(f"{name} already works with this family's other children")
    elif to == unit.fixed_worker and facts.fixed_kind == PIN:
        reasons.append(f"{name} is the manager's choice for this family (pinned)")
    elif to == unit.continuity_worker and facts.continuity_kind == PREVIOUS:
        reasons.append(f"{name} has worked with this family before")
    elif unit.forced:
        reasons.append(f"{name} had room within the team's rules")
    else:
        reasons.append(f"{name} had room, and the move evens out the team's caseloads")
    w = workers[to]
    reasons.append(
        f"{name} goes from {percent(w.load, w.capacity)} to "
        f"{percent(state.load[to], w.capacity)} of capacity"
    )
    if to == unit.fixed_worker:
        if state.load[to] > w.max_load:
            reasons.append(f"This takes {name} over the load ceiling, as the family is theirs")
        if not rule_checks.court_cap_allows(w, state.added_court[to]) and unit.court:
            reasons.append(f"This takes {name} over the court cap of {w.court_cap}")
    return tuple(reasons)


def _stopped(
    facts: FamilyFacts, worker: TeamWorker, state: PlanState, index: Mapping[WorkerId, Worker]
) -> str:
    name = _name(index, worker.id)
    unit = facts.unit
    court = state.added_court.get(worker.id, 0) + int(unit.court)
    load = state.load.get(worker.id, worker.load) + unit.weight
    broken = rule_checks.cap_problem(worker, court, load)
    if broken == rule_checks.COURT_CAP:
        held = worker.court_load + state.added_court.get(worker.id, 0)
        return f"{name} is at the court cap ({held} of {worker.court_cap} families in PLO or court)"
    if broken == rule_checks.LOAD_CEILING:
        return (
            f"{name} is full (this family would take them to "
            f"{percent(load, worker.capacity)} of capacity; the ceiling is "
            f"{percent(worker.max_load, worker.capacity)})"
        )
    return f"{name} could take it only if another family moved, beyond the moves allowed"


def unplaced_reason(
    facts: FamilyFacts,
    state: PlanState,
    workers: Mapping[str, TeamWorker],
    index: Mapping[WorkerId, Worker],
) -> str:
    """Why no one could take this forced family, naming each worker of the team."""
    parts = [_stopped(facts, workers[w], state, index) for w in facts.unit.eligible if w in workers]
    parts += [why.rstrip(".") for w, why in facts.ineligible.items() if w in workers]
    holder = _name(index, facts.unit.from_worker)
    head = f"{facts.why_moves}, and no one in {facts.team} could take this family"
    if not parts:
        return f"{head}: the team has no other lead worker. It stays with {holder} in the record."
    return f"{head}: {'; '.join(parts)}. It stays with {holder} in the record."
