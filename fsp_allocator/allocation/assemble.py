"""Turn the teams' solutions back into one `AllocationProposal`, with reasons per family.

Every new child appears exactly once, in `allocations` or `unallocated`; open cases are
never moved; `workload` lists every worker of the workbook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fsp_allocator.allocation.family_facts import previous_workers
from fsp_allocator.allocation.instance_builder import FamilyPlan, Preparation
from fsp_allocator.allocation.overflow import (
    OverflowMove,
    others_sentence,
    others_who_could,
    plan_overflow,
    receiver_states,
)
from fsp_allocator.allocation.proposal import (
    AllocationProposal,
    ChildAllocation,
    UnallocatedChild,
)
from fsp_allocator.allocation.reasons import (
    LoadView,
    adult_reasons,
    lead_reasons,
    load_sentence,
    unallocated_reason,
)
from fsp_allocator.allocation.workload import workload_lines
from fsp_allocator.domain import ChildId, FamilyId, TeamData, Worker, WorkerId
from fsp_allocator.weighting import child_weights, court_cap, worker_loads
from solver import Solution, SolveStatus
from solver.rules import FamilyDemand

# Worst last: the proposal's status is the worst of its teams'.
STATUS_ORDER = (
    SolveStatus.OPTIMAL,
    SolveStatus.FEASIBLE,
    SolveStatus.TIMEOUT_NO_SOLUTION,
    SolveStatus.INFEASIBLE_INPUT,
)

NO_PLAN_IN_TIME = (
    "The search found no plan for this team in the time allowed; "
    "try again with a longer time limit."
)


def worst_status(statuses: Sequence[SolveStatus]) -> SolveStatus:
    """The worst of the teams' statuses (OPTIMAL when there are none)."""
    return max(statuses, key=STATUS_ORDER.index, default=SolveStatus.OPTIMAL)


def family_assignment(
    prep: Preparation, solutions: Mapping[str, Solution]
) -> tuple[dict[FamilyId, WorkerId], dict[FamilyId, tuple[WorkerId, ...]]]:
    """Lead worker per allocated family, and adult practitioners (kept + newly paired)."""
    leads: dict[FamilyId, WorkerId] = {}
    adults: dict[FamilyId, tuple[WorkerId, ...]] = {}
    for team in prep.teams:
        solution = solutions[team.team]
        for fid, plan in team.families.items():
            worker = solution.assignment.get(fid)
            if worker is None:
                continue
            leads[fid] = WorkerId(worker)
            paired = solution.adult_assignment.get(fid, ())
            adults[fid] = tuple(
                WorkerId(a) for a in dict.fromkeys((*plan.unit.adult_kept, *paired))
            )
    return leads, adults


def assemble(
    data: TeamData,
    prep: Preparation,
    solutions: Mapping[str, Solution],
    solve_seconds: float,
) -> AllocationProposal:
    """The proposal for the week from each team's `Solution`."""
    index = data.worker_index()
    settings = data.settings
    weights = prep.weights or child_weights(data.children, settings)
    leads, adults = family_assignment(prep, solutions)
    child_lead = {
        c.child_id: leads[c.family_id] for c in data.new_children() if c.family_id in leads
    }
    before = prep.loads
    after = worker_loads(data, child_lead, adults, weights)
    moves: dict[FamilyId, OverflowMove] = {}
    if settings.overflow:  # opt-in: families no one at home can take, to other teams
        moves = plan_overflow(data, prep, leads, before, after)
        for moved in moves.values():
            leads[moved.family_id] = moved.worker_id
            adults[moved.family_id] = moved.adult_worker_ids
        child_lead = {
            c.child_id: leads[c.family_id] for c in data.new_children() if c.family_id in leads
        }
        after = worker_loads(data, child_lead, adults, weights)
    others = receiver_states(data, before, after)
    passed: dict[FamilyDemand, frozenset[WorkerId]] = {}  # shared by every others_who_could
    caps = {w.worker_id: court_cap(w, settings) for w in data.workers}
    available = {
        w.worker_id: w.is_available_on(settings.week) and w.accepting for w in data.workers
    }
    view = LoadView(index, before, after, caps, settings)
    adults_by_team: dict[str | None, list[Worker]] = {}
    for w in data.workers:
        if w.role.is_adult_practitioner:
            adults_by_team.setdefault(w.team, []).append(w)
    allocated: dict[ChildId, ChildAllocation] = {}
    unallocated: dict[ChildId, UnallocatedChild] = {}
    no_plan = {
        t.team
        for t in prep.teams
        if solutions[t.team].status is SolveStatus.TIMEOUT_NO_SOLUTION
        and not solutions[t.team].used_fallback
    }
    plans: list[FamilyPlan] = [fp for t in prep.teams for fp in t.families.values()]
    for plan in [*plans, *prep.homeless]:
        fid = plan.family.family_id
        lead_id = leads.get(fid)
        if lead_id is None:
            reason = (
                NO_PLAN_IN_TIME
                if plan.team in no_plan
                else unallocated_reason(plan, index, after, caps, settings, before)
            )
            if plan.team is not None and plan.team not in no_plan:
                count = others_who_could(plan, settings.week, others, index, passed)
                reason = f"{reason} {others_sentence(count, settings.overflow)}"
            for child in plan.family.new_children:
                unallocated[child.child_id] = UnallocatedChild(
                    child.child_id, fid, reason, plan.team
                )
            continue
        lead = index[lead_id]
        move = moves.get(fid)
        team_adults = adults_by_team.get(move.team if move else plan.team, [])
        if move is not None:
            reasons = [move.reason, load_sentence(lead.name, before[lead_id], after[lead_id])]
        else:
            reasons = lead_reasons(plan, lead, view)
        reasons += adult_reasons(plan, adults[fid], index, after, team_adults, available)
        known = {*previous_workers(plan.family), *plan.family.lead_worker_ids}
        for child in plan.family.new_children:
            allocated[child.child_id] = ChildAllocation(
                child_id=child.child_id,
                family_id=fid,
                worker_id=lead_id,
                adult_worker_ids=adults[fid],
                continuity=lead_id in known,
                weight=weights[child.child_id],
                reasons=tuple(reasons),
                team=move.team if move else plan.team,
                overflow=move is not None,
                home_team=move.home_team if move else None,
            )
    order = [c.child_id for c in data.new_children()]
    warnings = [*prep.warnings]
    for team in prep.teams:
        warnings.extend(team.warnings)
        solution = solutions[team.team]
        if solution.message:
            warnings.append(f"{team.team}: {solution.message}")
        elif solution.used_fallback:
            warnings.append(
                f"{team.team}: the search found nothing better in time, so this is the simple "
                "least-loaded plan; try a longer time limit."
            )
    team_status = {str(t.team): solutions[t.team].status.value for t in prep.teams}
    statuses = [solutions[t.team].status for t in prep.teams]
    return AllocationProposal(
        status=worst_status(statuses).value,
        week=settings.week,
        solve_seconds=round(solve_seconds, 3),
        objective=sum(solutions[t.team].objective for t in prep.teams),
        bound=sum(solutions[t.team].bound for t in prep.teams),
        allocations=tuple(allocated[c] for c in order if c in allocated),
        unallocated=tuple(unallocated[c] for c in order if c in unallocated),
        workload=workload_lines(data, before, after),
        warnings=tuple(warnings),
        cancelled=any(solutions[t.team].cancelled for t in prep.teams),
        team_status=team_status,
    )
