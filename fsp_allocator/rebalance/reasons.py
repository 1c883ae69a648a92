"""Plain sentences for every move and every unplaced family.

A move says why the family moves ("Jo Bell leaves on 27 November 2026"), why this worker
("Sam Lee already works with this family's other children") and what it does to their
load ("Sam Lee goes from 82% to 97% of capacity"). An unplaced family names, for each
worker of the team, what stopped them: full, at the court cap (both through
`solver.rebalance.rule_checks`), or the eligibility sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

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
    beyond = over_caps(facts, to, state, workers, index)
    if beyond is not None:
        why = "the manager chose them" if facts.fixed_kind == PIN else "the family is theirs"
        reasons.append(f"The caps do not stop {name}, as {why}, but: {beyond}")
    return tuple(reasons)


def over_caps(
    facts: FamilyFacts,
    to: str,
    state: PlanState,
    workers: Mapping[str, TeamWorker],
    index: Mapping[WorkerId, Worker],
) -> str | None:
    """For a family fixed to its receiver: the cap rule it takes them past, as the rules
    say it (the caps do not stop that worker, but the manager is told); None otherwise."""
    unit = facts.unit
    if to != unit.fixed_worker:
        return None
    final = rule_checks.state(workers[to], state.load[to], state.added_court[to], _name(index, to))
    as_new = replace(unit, fixed_worker=None)
    broken = rule_checks.block(final.without(rule_checks.demand(as_new)), as_new)
    return broken[1] if broken is not None else None


def _stopped(
    facts: FamilyFacts, worker: TeamWorker, state: PlanState, index: Mapping[WorkerId, Worker]
) -> str:
    """What stops this worker taking the family on top of the plan, as the rules say it."""
    name = _name(index, worker.id)
    now = rule_checks.state(
        worker, state.load.get(worker.id, worker.load), state.added_court.get(worker.id, 0), name
    )
    broken = rule_checks.block(now, facts.unit)
    if broken is not None and broken[0].name == rule_checks.LOAD_CEILING:
        return f"full: {broken[1].rstrip('.')}"
    if broken is not None:
        return broken[1].rstrip(".")
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
