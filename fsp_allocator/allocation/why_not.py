"""Answer "why not this worker for this family?" in words a manager can repeat.

When the worker may not lead the family (a hard rule, an exclusion, a cap, a pin) the
answer says which. Otherwise the team is solved again with the family required to go to
that worker, and the answer says what it would cost, aim by aim, against the proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from fsp_allocator.allocation.aim_figures import cost_phrases, figures
from fsp_allocator.allocation.assemble import assemble
from fsp_allocator.allocation.instance_builder import FamilyPlan, Preparation, TeamPlan, prepare
from fsp_allocator.allocation.pair_check import pair_block
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.service import solve_team
from fsp_allocator.domain import FamilyId, TeamData, Worker, WorkerId
from solver import SolverConfig, SolveStatus
from solver.rules import fixed_worker as fixed_worker_rule
from solver.rules import listed as listed_rule


@dataclass(frozen=True, slots=True)
class WhyNot:
    """The answer: whether it is possible, one summary sentence, and the details."""

    possible: bool
    summary: str
    details: tuple[str, ...] = ()


def _find(prep: Preparation, family_id: str) -> tuple[TeamPlan, FamilyPlan] | None:
    for team in prep.teams:
        plan = team.families.get(FamilyId(family_id))
        if plan is not None:
            return team, plan
    return None


def _blocked(data: TeamData, prep: Preparation, plan: FamilyPlan, worker: Worker) -> str | None:
    """Why the worker cannot take the family whatever else is decided, or None."""
    block = pair_block(data, prep, plan, worker)
    if block is None:
        return None
    name, why = block
    return why if name in (listed_rule.NAME, fixed_worker_rule.NAME) else f"{name}: {why}"


def why_not(
    data: TeamData,
    proposal: AllocationProposal,
    family_id: str,
    worker_id: str,
    config: SolverConfig | None = None,
) -> WhyNot:
    """Why `worker_id` does not lead `family_id` in `proposal`, or what it would cost."""
    prep = prepare(data)
    found = _find(prep, family_id)
    worker = data.worker(WorkerId(worker_id))
    if found is None:
        return WhyNot(False, f"Family {family_id} has no new children to allocate this week.")
    if worker is None:
        return WhyNot(False, f"There is no worker with the id {worker_id}.")
    team, plan = found
    current = {a.family_id: a.worker_id for a in proposal.allocations}.get(plan.family.family_id)
    if current == worker.worker_id:
        return WhyNot(True, f"{worker.name} already leads this family in the proposal.")
    blocked = _blocked(data, prep, plan, worker)
    if blocked is not None:
        return WhyNot(False, f"Not possible. {blocked}")
    solution = solve_team(team, config or SolverConfig(), require={family_id: worker_id})
    if solution.status in (SolveStatus.INFEASIBLE_INPUT, SolveStatus.TIMEOUT_NO_SOLUTION) or (
        solution.assignment.get(family_id) != worker_id
    ):
        message = solution.message or (
            f"{worker.name} cannot take this family without breaking a hard rule for another "
            "family already fixed to them (a pin or their own open family)."
        )
        return WhyNot(False, f"Not possible. {message}")
    single = Preparation((team,), (), prep.loads, weights=prep.weights)
    alternative = assemble(data, single, MappingProxyType({team.team: solution}), 0.0)
    phrases = cost_phrases(figures(proposal, team), figures(alternative, team))
    moved = [
        line
        for line in _moves(proposal, alternative, team, data)
        if not line.startswith(f"Family {family_id} ")
    ]
    summary = (
        f"Possible. It would cost: {'; '.join(phrases)}."
        if phrases
        else "Possible, at no cost to the aims: the plan would be as good."
    )
    reasons = next((a.reasons for a in alternative.allocations if a.family_id == family_id), ())
    return WhyNot(True, summary, tuple(moved) + tuple(reasons))


def _moves(
    before: AllocationProposal, after: AllocationProposal, team: TeamPlan, data: TeamData
) -> list[str]:
    """The team's other families that would change worker, in words."""
    index = data.worker_index()
    old = {a.family_id: a.worker_id for a in before.allocations}
    new = {a.family_id: a.worker_id for a in after.allocations}

    def name(wid: WorkerId | None) -> str:
        return index[wid].name if wid is not None and wid in index else "no one (unallocated)"

    return [
        f"Family {fid} would move from {name(old.get(fid))} to {name(new.get(fid))}."
        for fid in team.families
        if old.get(fid) != new.get(fid)
    ]
