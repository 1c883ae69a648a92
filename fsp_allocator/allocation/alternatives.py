"""Every worker of the team for one family, ranked by what placing it with them would cost.

Timefold's "recommendation", computed the same way: take the current plan (the proposal
with the manager's choices on top), put this family with each worker of its team in turn,
everything else fixed, and recompute every lead aim of the engine's registry
(`solver.rules.AIMS`, in the engine's order) from that plan alone, as the validator does.

`Alternative.cost` holds, per aim name, the aim's value in that plan **minus** its value in
the current plan (0: no worse; negative: better), in the aim's own units. Workers who may
take the family come first, ranked aim by aim (lexicographically, the engine's order), ties
by worker id; then those who may not, by worker id, each with the rule that stops them and
that rule's own sentence (`alternative_blocks`). The pairing aim (adult practitioners) is
left out: it is finished after the lead plan and does not depend on which lead is chosen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fsp_allocator.allocation.alternative_blocks import Block, block
from fsp_allocator.allocation.alternative_words import cost_sentence
from fsp_allocator.allocation.instance_builder import FamilyPlan, Preparation, TeamPlan, prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import ChildId, FamilyId, TeamData, Worker, WorkerId
from fsp_allocator.weighting import WorkerLoad, worker_loads
from solver import SCALE, Instance, Solution, SolveStatus
from solver.rules import AIMS

LEAD_AIMS = tuple(aim for aim in AIMS if not aim.pairing)

Plan = Mapping[FamilyId, WorkerId | None]


@dataclass(frozen=True, slots=True)
class Alternative:
    """One worker for the family: possible or not, what it costs, their load, and why."""

    worker_id: WorkerId
    name: str
    possible: bool
    cost: Mapping[str, int]  # aim name -> value minus the current plan's; empty if impossible
    load_before: float  # load ÷ capacity with the rest of the plan, this family left out
    load_after: float  # the same with this family too
    reason: str  # the rule's own sentence when impossible; else what it would cost
    rule: str = ""  # the rule that stops them ("Rule 4: Available this week")
    current: bool = False  # leads the family in the current plan
    values: tuple[int, ...] = field(default=(), repr=False)  # each aim's value, for ranking


def current_plan(proposal: AllocationProposal, choices: Plan) -> dict[FamilyId, WorkerId | None]:
    """family -> lead worker in the proposal, with the manager's `choices` on top."""
    plan: dict[FamilyId, WorkerId | None] = {a.family_id: a.worker_id for a in proposal.allocations}
    plan.update({u.family_id: None for u in proposal.unallocated if u.family_id not in plan})
    plan.update(choices)
    return plan


def _find(prep: Preparation, family_id: FamilyId) -> tuple[TeamPlan | None, FamilyPlan] | None:
    for team in prep.teams:
        if family_id in team.families:
            return team, team.families[family_id]
    homeless = next((fp for fp in prep.homeless if fp.family.family_id == family_id), None)
    return (None, homeless) if homeless is not None else None


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What every family's list shares: the prepared week, the current plan and its loads.

    Built once by `plan_context`, so a caller listing many families (the command line, the
    app as the manager moves from family to family) prepares the week once.
    """

    data: TeamData
    prep: Preparation
    plan: Mapping[FamilyId, WorkerId | None]
    by_child: Mapping[ChildId, WorkerId]  # every new child's lead in the current plan
    loads: Mapping[WorkerId, WorkerLoad]  # every worker's load with the whole current plan


def plan_context(data: TeamData, proposal: AllocationProposal, choices: Plan) -> PlanContext:
    """Prepare the week and measure the current plan (proposal plus `choices`)."""
    plan = current_plan(proposal, choices)
    by_child: dict[ChildId, WorkerId] = {}
    for child in data.new_children():
        worker_id = plan.get(child.family_id)
        if worker_id is not None:
            by_child[child.child_id] = worker_id
    loads = worker_loads(data, by_child)
    return PlanContext(data, prepare(data), MappingProxyType(plan), by_child, loads)


def _loads_without(context: PlanContext, family_id: FamilyId) -> Mapping[WorkerId, WorkerLoad]:
    """Every worker's load with the plan's other families (this one left out)."""
    if context.plan.get(family_id) is None:
        return context.loads
    children = {c.child_id for c in context.data.new_children() if c.family_id == family_id}
    rest = {c: w for c, w in context.by_child.items() if c not in children}
    return worker_loads(context.data, rest)


def aim_values(instance: Instance, assignment: Mapping[str, str | None]) -> tuple[int, ...]:
    """Each lead aim's value for `assignment`, recomputed from the plan (engine's order)."""
    solution = Solution(SolveStatus.FEASIBLE, MappingProxyType(dict(assignment)))
    return tuple(aim.value(instance, solution) for aim in LEAD_AIMS)


def _ratio(load: WorkerLoad, extra: float = 0.0) -> float:
    return (load.load + extra) / load.capacity if load.capacity > 0 else 0.0


def _team_workers(data: TeamData, fplan: FamilyPlan) -> list[Worker]:
    if fplan.team is None:
        return list(data.workers)
    return [w for w in data.workers if w.team == fplan.team]


def alternatives(
    data: TeamData, proposal: AllocationProposal, choices: Plan, family_id: str
) -> tuple[Alternative, ...]:
    """Every worker of the family's team, ranked (see the module docstring); () when the
    family has no new children this week. Same input, same output."""
    return ranked(plan_context(data, proposal, choices), family_id)


def ranked(context: PlanContext, family_id: str) -> tuple[Alternative, ...]:
    """`alternatives` for one family on a context already prepared (`plan_context`)."""
    data, prep, plan = context.data, context.prep, context.plan
    found = _find(prep, FamilyId(family_id))
    if found is None:
        return ()
    team, fplan = found
    fid = fplan.family.family_id
    planned = _loads_without(context, fid)
    weight = fplan.unit.weight / SCALE
    assignment: dict[str, str | None] = {}
    base: tuple[int, ...] = ()
    if team is not None:
        assignment = {f.id: plan.get(FamilyId(f.id)) for f in team.instance.families}
        base = aim_values(team.instance, assignment)
    possible: list[Alternative] = []
    impossible: list[Alternative] = []
    for worker in _team_workers(data, fplan):
        wid = worker.worker_id
        load = planned[wid]
        before = _ratio(load)
        after = _ratio(load, weight) if worker.role.leads else before  # others never lead
        stop = block(data, prep, fplan, worker, load, prep.loads[wid].court)
        if stop is not None or team is None:  # no team: rule 8 has stopped everyone
            stop = stop or Block("", "The family has no team to be placed in.")
            impossible.append(
                Alternative(
                    wid,
                    worker.name,
                    False,
                    MappingProxyType({}),
                    before,
                    after,
                    stop.sentence,
                    stop.rule,
                    current=plan.get(fid) == wid,  # a choice the manager made past a cap
                )
            )
            continue
        values = aim_values(team.instance, {**assignment, fid: wid})
        cost = {a.name: v - b for a, v, b in zip(LEAD_AIMS, values, base, strict=True)}
        is_current = plan.get(fid) == wid
        possible.append(
            Alternative(
                wid,
                worker.name,
                True,
                MappingProxyType(cost),
                before,
                after,
                cost_sentence(cost, is_current),
                current=is_current,
                values=values,
            )
        )
    possible.sort(key=lambda a: (a.values, a.worker_id))
    impossible.sort(key=lambda a: a.worker_id)
    return (*possible, *impossible)


def every_family(
    data: TeamData, proposal: AllocationProposal, choices: Plan | None = None
) -> dict[FamilyId, tuple[Alternative, ...]]:
    """Each family of the proposal (in its order) with its ranked list, on one context."""
    context = plan_context(data, proposal, choices or {})
    order = [a.family_id for a in proposal.allocations] + [
        u.family_id for u in proposal.unallocated
    ]
    return {fid: ranked(context, fid) for fid in dict.fromkeys(order)}
