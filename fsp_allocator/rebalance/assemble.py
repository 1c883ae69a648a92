"""From each team's chosen frontier point to the manager's `RebalanceResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from fsp_allocator.allocation.workload import workload_lines
from fsp_allocator.domain import ChildId, TeamData, WorkerId
from fsp_allocator.rebalance.builder import RebalancePreparation, TeamRebalance
from fsp_allocator.rebalance.reasons import move_reasons, over_caps, unplaced_reason
from fsp_allocator.rebalance.result import ChildMove, FrontierLine, RebalanceResult, UnplacedChild
from fsp_allocator.weighting import child_weights, worker_loads
from solver.rebalance import RebalanceSolution
from solver.rebalance.figures import plan_state


def _team_lines(
    team: TeamRebalance,
    solution: RebalanceSolution,
    data: TeamData,
    weights: Mapping[ChildId, float],
) -> tuple[list[ChildMove], list[UnplacedChild], list[str]]:
    index = data.worker_index()
    instance = team.instance
    point = solution.plan
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
            warnings.append(
                f"Family {family_id} goes to {index[WorkerId(to)].name}, whose family it is "
                f"already, over the caps: {beyond}"
            )
        for child in facts.children:
            assert child.worker_id is not None
            moves.append(
                ChildMove(
                    child_id=child.child_id,
                    family_id=child.family_id,
                    from_worker_id=child.worker_id,
                    to_worker_id=WorkerId(to),
                    forced=facts.unit.forced,
                    continuity=to == facts.unit.continuity_worker,
                    weight=weights[child.child_id],
                    reasons=reasons,
                    team=team.team,
                    ratio_from=w.load / w.capacity if w.capacity else 0.0,
                    ratio_to=state.load[to] / w.capacity if w.capacity else 0.0,
                )
            )
    return moves, unplaced, warnings


def assemble(
    data: TeamData,
    preparation: RebalancePreparation,
    solutions: Mapping[str, RebalanceSolution],
    solve_seconds: float,
    max_moves: int,
) -> RebalanceResult:
    """Moves, unplaced children, workload before/after and every team's frontier."""
    weights = child_weights(data.children, data.settings)
    moves: list[ChildMove] = []
    unplaced: list[UnplacedChild] = []
    warnings: list[str] = []
    frontier: list[FrontierLine] = []
    for team in preparation.teams:
        solution = solutions[team.team]
        team_moves, team_unplaced, team_warnings = _team_lines(team, solution, data, weights)
        moves += team_moves
        unplaced += team_unplaced
        warnings += list(team.warnings) + team_warnings
        frontier += [
            FrontierLine(
                team.team, p.moves, p.max_load_ratio, p.over_capacity, p.proven, p.used_moves
            )
            for p in solution.points
        ]
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
    status = "OPTIMAL" if statuses <= {"OPTIMAL"} else "FEASIBLE"
    return RebalanceResult(
        status=status,
        week=data.settings.week,
        solve_seconds=round(solve_seconds, 3),
        max_moves=max_moves,
        released=tuple(sorted(preparation.released)),
        moves=tuple(moves),
        unplaced=tuple(unplaced),
        workload=lines,
        frontier=tuple(frontier),
        warnings=tuple(warnings),
        cancelled=any(s.cancelled for s in solutions.values()),
    )
