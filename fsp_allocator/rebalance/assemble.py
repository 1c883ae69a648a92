"""From each team's chosen frontier point to the manager's `RebalanceResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from fsp_allocator.allocation.workload import workload_lines
from fsp_allocator.domain import ChildId, TeamData, WorkerId
from fsp_allocator.rebalance.builder import (
    PIN,
    FamilyFacts,
    RebalancePreparation,
    TeamRebalance,
)
from fsp_allocator.rebalance.reasons import move_reasons, over_caps, unplaced_reason
from fsp_allocator.rebalance.result import ChildMove, FrontierLine, RebalanceResult, UnplacedChild
from fsp_allocator.weighting import child_weights, worker_loads
from solver.rebalance import FrontierPoint, RebalanceSolution
from solver.rebalance.figures import aim_values, plan_state


def _team_lines(
    team: TeamRebalance,
    point: FrontierPoint,
    data: TeamData,
    weights: Mapping[ChildId, float],
) -> tuple[list[ChildMove], list[UnplacedChild], list[str]]:
    index = data.worker_index()
    instance = team.instance
    state = plan_state(instance, point.assignment)
    workers = {w.id: w for w in instance.workers}
    moves: list[ChildMove] = []
    unplaced: list[UnplacedChild] = []
    warnings: list[str] = []
    for family_id, facts in team.families.items():
        to = point.assignment.get(family_id)
        if to is None:
            if facts.unit.forced:
                why = unplaced_reason(facts, state, workers, index)
                for child in facts.children:
                    assert child.worker_id is not None
                    unplaced.append(
                        UnplacedChild(
                            child.child_id, child.family_id, child.worker_id, why, team.team
                        )
                    )
            continue
        reasons = move_reasons(facts, to, state, workers, index)
        w = workers[to]
        beyond = over_caps(facts, to, state, workers, index)
        if beyond is not None:
            whose = (
                "the manager's choice"
                if facts.fixed_kind == PIN
                else ("whose family it is already")
            )
            warnings.append(
                f"Family {family_id} goes to {index[WorkerId(to)].name}, {whose}, "
                f"over the caps: {beyond}"
            )
        for child in facts.children:
            assert child.worker_id is not None
            moves.append(
                ChildMove(
                    child_id=child.child_id,
                    family_id=child.family_id,
                    from_worker_id=child.worker_id,
                    to_worker_id=WorkerId(to),
                    forced=facts.unit.forced and not facts.by_choice,
                    continuity=to == facts.unit.continuity_worker,
                    weight=weights[child.child_id],
                    reasons=reasons,
                    team=team.team,
                    ratio_from=w.load / w.capacity if w.capacity else 0.0,
                    ratio_to=state.load[to] / w.capacity if w.capacity else 0.0,
                )
            )
    return moves, unplaced, warnings


def _kept_lines(kept: tuple[FamilyFacts, ...], data: TeamData) -> list[UnplacedChild]:
    """A forced family the manager keeps: unplaced, "kept with <name> by the manager"."""
    index = data.worker_index()
    lines = []
    for facts in kept:
        holder = index.get(WorkerId(facts.unit.from_worker))
        name = holder.name if holder is not None else facts.unit.from_worker
        why = f"{facts.why_moves}, but kept with {name} by the manager"
        for child in facts.children:
            assert child.worker_id is not None
            lines.append(
                UnplacedChild(child.child_id, child.family_id, child.worker_id, why, facts.team)
            )
    return lines


def frontier_lines(
    preparation: RebalancePreparation, solutions: Mapping[str, RebalanceSolution]
) -> tuple[FrontierLine, ...]:
    """Every team's frontier points, in the order of the teams, each with the forced
    families it leaves unplaced, whether its solve chose it, and whether it re-homes them
    better than no move: more moves may re-home one more family, or a more urgent one (aim
    1 comes first), which can raise the worst caseload, and the manager must see why."""
    return tuple(
        line for team in preparation.teams for line in _team_frontier(team, solutions[team.team])
    )


def _team_frontier(team: TeamRebalance, solution: RebalanceSolution) -> list[FrontierLine]:
    instance = team.instance
    placement = [tuple(aim_values(instance, p.assignment).values())[:2] for p in solution.points]
    return [
        FrontierLine(
            team.team,
            p.moves,
            p.max_load_ratio,
            p.over_capacity,
            p.proven,
            p.used_moves,
            sum(1 for f in instance.families if f.forced and not p.assignment.get(f.id)),
            chosen=i == solution.chosen,
            rehomed_better=placement[i] < placement[0],
        )
        for i, p in enumerate(solution.points)
    ]


def assemble(
    data: TeamData,
    preparation: RebalancePreparation,
    solutions: Mapping[str, RebalanceSolution],
    solve_seconds: float,
    max_moves: int,
    chosen: Mapping[str, int] | None = None,
    frontier: tuple[FrontierLine, ...] | None = None,
) -> RebalanceResult:
    """Moves, unplaced children, workload before/after and every team's frontier, from the
    point `chosen[team]` of each team's frontier (default: the point its solve chose).
    `frontier`: the lines `frontier_lines` gives for these solutions, if already built."""
    weights = child_weights(data.children, data.settings)
    moves: list[ChildMove] = []
    unplaced: list[UnplacedChild] = []
    warnings: list[str] = []
    proven = True
    for team in preparation.teams:
        solution = solutions[team.team]
        index = solution.chosen if chosen is None else chosen.get(team.team, solution.chosen)
        point = solution.points[index]
        proven = proven and point.proven
        team_moves, team_unplaced, team_warnings = _team_lines(team, point, data, weights)
        moves += team_moves
        unplaced += team_unplaced
        warnings += list(team.warnings) + team_warnings
    unplaced += _kept_lines(preparation.kept, data)
    moved = {m.child_id: m.to_worker_id for m in moves}
    after = replace(
        data,
        children=tuple(
            replace(c, worker_id=moved[c.child_id]) if c.child_id in moved else c
            for c in data.children
        ),
    )
    lines = workload_lines(data, preparation.loads, worker_loads(after))
    statuses = {s.status.value for s in solutions.values()}
    optimal = statuses <= {"OPTIMAL"} if chosen is None else proven
    return RebalanceResult(
        status="OPTIMAL" if optimal else "FEASIBLE",
        week=data.settings.week,
        solve_seconds=round(solve_seconds, 3),
        max_moves=max_moves,
        released=tuple(sorted(preparation.released)),
        moves=tuple(moves),
        unplaced=tuple(unplaced),
        workload=lines,
        frontier=frontier if frontier is not None else frontier_lines(preparation, solutions),
        warnings=tuple(warnings),
        cancelled=any(s.cancelled for s in solutions.values()),
    )
