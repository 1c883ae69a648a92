"""Rebalance speed (issue 11): a team's whole frontier, and a county with three leavers.

`python benchmarks/rebalance_benchmark.py [--repeat N]` generates demo data (seed 1) and
times `fsp_allocator.rebalance.run_rebalance` from `TeamData` to every frontier point:

- **Team**: one demo team of 10 social workers (~140 open children), its most loaded lead
  worker released, `--max-moves 10`. Goal: the whole frontier proven in <= 2 s.
- **County**: the 17-team demo county, the most loaded lead worker of teams 1, 6 and 11
  released, `--max-moves 5` per team. Goal: <= 20 s.
- **Demo after the week**: the demo team once this week's proposal is taken (the app's
  demo workspace after Accept), its leaver forced out, `--max-moves 3`: the hardest case
  we know, where every receiver sits near the ceiling.
- With `--compare S`, each case is run once more at S seconds a team (the command line's
  `--time-limit`; its default is 10) and compared with the run above: points proven, and
  points whose frontier figures and every aim are the same.

For each it prints the highest load / capacity before any move, after the forced moves
only (frontier point 0), at every frontier point (and whether it is proven), beside the
by-hand baseline (`solver.rebalance.greedy_rehome`: each forced family, most urgent first,
to the least-loaded eligible worker). Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from dataclasses import dataclass, replace
from datetime import date

from fsp_allocator.allocation.service import propose
from fsp_allocator.demo import generate
from fsp_allocator.demo.proportions import DEFAULT_PROPORTIONS
from fsp_allocator.domain import Child, TeamData, WorkerId
from fsp_allocator.rebalance.result import FrontierLine
from fsp_allocator.rebalance.run import RebalanceRun, run_rebalance
from fsp_allocator.weighting import worker_loads
from solver import SolverConfig
from solver.rebalance import greedy_rehome
from solver.rebalance.figures import frontier_figures

SEED = 1
WEEK = date(2026, 11, 23)
DEMO_WEEK = date(2026, 11, 30)
TEAM_OF_TEN = replace(DEFAULT_PROPORTIONS, social_workers=(10, 10))


@dataclass(frozen=True)
class Case:
    """One benchmark case: its data, who is released, the moves allowed and the goal."""

    name: str
    data: TeamData
    release: tuple[WorkerId, ...]
    max_moves: int
    goal_seconds: float | None


def most_loaded_lead(data: TeamData, team_index: int) -> WorkerId:
    """The lead worker of the `team_index`-th team (1-based) who holds the most load."""
    teams = sorted({w.team for w in data.workers})
    loads = worker_loads(data)
    leads = [w for w in data.workers if w.team == teams[team_index - 1] and w.role.leads]
    return max(leads, key=lambda w: (loads[w.worker_id].load, w.worker_id)).worker_id


def open_only(data: TeamData) -> TeamData:
    """The data without this week's new children (rebalance leaves them to `allocate`)."""
    return replace(data, children=tuple(c for c in data.children if c.worker_id))


def after_the_week(data: TeamData) -> TeamData:
    """The data once this week's proposal is accepted: each allocated child now open."""
    proposal = propose(data, SolverConfig(time_limit_seconds=60))
    given = proposal.assignment()
    children: list[Child] = []
    for child in data.children:
        worker = given.get(child.child_id)
        children.append(replace(child, worker_id=worker) if worker else child)
    return open_only(replace(data, children=tuple(children)))


def cases() -> list[Case]:
    """The three cases of the issue (team, county) and the demo after its week."""
    team = open_only(generate(teams=1, seed=SEED, week=WEEK, proportions=TEAM_OF_TEN))
    county = open_only(generate(teams=17, seed=SEED, week=WEEK))
    demo = after_the_week(generate(teams=1, seed=SEED, week=DEMO_WEEK))
    return [
        Case("Team of 10, one leaver", team, (most_loaded_lead(team, 1),), 10, 2.0),
        Case(
            "County, three leavers",
            county,
            tuple(most_loaded_lead(county, i) for i in (1, 6, 11)),
            5,
            20.0,
        ),
        Case("Demo after the week", demo, (), 3, None),
    ]


def highest_before(run: RebalanceRun) -> float:
    """The highest load / capacity over the balanced workers before any move."""
    best = 0.0
    for team in run.preparation.teams:
        for w in team.instance.workers:
            if w.balanced and w.capacity > 0:
                best = max(best, w.load / w.capacity)
    return best


def baseline(run: RebalanceRun) -> tuple[float, int, int]:
    """The by-hand plan's highest ratio, workers above capacity and forced families left."""
    highest, over, left = 0.0, 0, 0
    for team in run.preparation.teams:
        plan = greedy_rehome(team.instance)
        h, o = frontier_figures(team.instance, plan)
        highest, over = max(highest, h), over + o
        left += sum(1 for f in team.instance.families if f.forced and plan[f.id] is None)
    return highest, over, left


def compare_budget(case: Case, proven_run: RebalanceRun, seconds: float) -> None:
    """Run the case once at `seconds` a team and print how its frontier compares with the
    run above: the wall time, the points proven, and the points whose figures (highest
    ratio, count above capacity, forced families unplaced) and every aim are the same."""
    config = SolverConfig(time_limit_seconds=seconds)
    started = time.perf_counter()
    run = run_rebalance(case.data, case.release, case.max_moves, config)
    wall = time.perf_counter() - started

    def key(line: FrontierLine) -> tuple[str, int]:
        return line.team, line.moves

    def figures(line: FrontierLine) -> tuple[float, int, int]:
        return line.max_load_ratio, line.over_capacity, line.unplaced_families

    before = {key(line): line for line in proven_run.frontier}
    lines = [line for line in run.frontier if key(line) in before]
    same = sum(1 for line in lines if figures(line) == figures(before[key(line)]))
    aims = sum(
        1
        for team, solution in run.solutions.items()
        for point, other in zip(solution.points, proven_run.solutions[team].points, strict=False)
        if point.aim_values == other.aim_values
    )
    proven = sum(1 for line in run.frontier if line.proven)
    print(
        f"at {seconds:g} s a team: wall s {wall:.2f}; {proven} of {len(run.frontier)} points "
        f"proven; frontier figures as above at {same} of {len(lines)} points, every aim at {aims}"
    )


def measure(case: Case, repeat: int, time_limit: float, compare: float | None = None) -> None:
    """Run the case `repeat` times and print its figures (and, with `compare`, how a run
    at that many seconds a team compares)."""
    config = SolverConfig(time_limit_seconds=time_limit)
    times: list[float] = []
    run: RebalanceRun | None = None
    for _ in range(repeat):
        started = time.perf_counter()
        run = run_rebalance(case.data, case.release, case.max_moves, config)
        times.append(time.perf_counter() - started)
    assert run is not None
    teams = run.preparation.teams
    forced = sum(1 for t in teams for f in t.instance.families if f.forced)
    voluntary = sum(1 for t in teams for f in t.instance.families if not f.forced)
    open_children = sum(1 for c in case.data.children if c.worker_id)
    print(f"\n## {case.name}")
    print(
        f"{len({w.team for w in case.data.workers})} team(s), {open_children} open children, "
        f"released {', '.join(case.release) or 'none (leavers of the week)'}, "
        f"--max-moves {case.max_moves}: {forced} forced families, {voluntary} candidates"
    )
    print(f"highest load / capacity before any move: {highest_before(run):.1%}")
    b_high, b_over, b_left = baseline(run)
    print(f"by-hand baseline: highest {b_high:.1%}, {b_over} above capacity, {b_left} unplaced")
    for k in range(case.max_moves + 1):
        lines = [line for line in run.frontier if line.moves == k]
        if not lines:
            continue
        high = max(line.max_load_ratio for line in lines)
        over = sum(line.over_capacity for line in lines)
        left = sum(line.unplaced_families for line in lines)
        proven = all(line.proven for line in lines)
        label = "forced only" if k == 0 else f"<= {k} moves"
        print(
            f"  {label:>12}: highest {high:.1%}, {over} above capacity, {left} unplaced"
            f"{'' if proven else '  (not proven: time limit)'}"
        )
    best = min(times)
    runs = ", ".join(f"{t:.2f}" for t in times)
    line = f"wall s: {best:.2f} (runs {runs})"
    if case.goal_seconds is not None:
        met = "met" if best <= case.goal_seconds else "MISSED"
        line += f"; goal {case.goal_seconds:.0f} s: {met} ({best / case.goal_seconds:.2f}x)"
    print(line)
    if compare is not None:
        compare_budget(case, run, compare)


def main() -> None:
    """Print every case's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best counts)")
    parser.add_argument("--only", help="run only the case whose name starts with this")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=60.0,
        help="seconds per team for its frontier (default 60; the command line's is 10)",
    )
    parser.add_argument(
        "--compare",
        type=float,
        help="also run each case once at this many seconds a team and compare its frontier",
    )
    args = parser.parse_args()
    print(f"# Rebalance benchmark, {date.today()}, {platform.processor() or platform.machine()}")
    print(
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {args.time_limit:g} s a team"
    )
    for case in cases():
        if args.only and not case.name.lower().startswith(args.only.lower()):
            continue
        measure(case, args.repeat, args.time_limit, args.compare)


if __name__ == "__main__":
    main()
