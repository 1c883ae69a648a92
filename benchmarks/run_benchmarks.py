"""Benchmarks: our engine against a greedy least-loaded baseline, on demo data of four sizes.

Run: `python benchmarks/run_benchmarks.py [--quick] [--repeat N]` (`--quick` skips the 10x
county; `--repeat` runs every measurement N times and prints the best and the range).
Sizes: one team; a county (17 teams, Oxfordshire's FSP, ~1,400 open children); the large
county (17 teams, ~2,600 open and ~300 new children: the issue's size, see LARGE); ten
counties (170 teams). The baseline is `solver.greedy.greedy_plan`: what a manager does by
hand, each family to the least-loaded eligible worker.

Every team's aim values are compared with `benchmarks/optima_before.json` (recorded on the
code before the speed work), so a faster engine that found another optimum shows at once.
Goals (issue 10, 2-core machine): the large county proven optimal per team in <= 1.0 s
wall; the worst single team of the benchmark <= 0.3 s; the 10x county <= 10 s with gap 0;
re-optimising a team after one change <= 200 ms (warm start from the current plan). Not a
pytest test: speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from fsp_allocator.allocation.assemble import assemble
from fsp_allocator.allocation.instance_builder import prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.service import forget_solutions, propose
from fsp_allocator.demo import generate
from fsp_allocator.demo.proportions import DEFAULT_PROPORTIONS, DemoProportions
from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from solver import Solution, SolverConfig, SolveStatus

WEEK = date(2026, 11, 23)
SEED = 1
OPTIMA_BEFORE = Path(__file__).with_name("optima_before.json")
# The county: ~2,600 open and ~300 new children. More workers per team (13-15 social
# workers instead of 7-8) at the demo's usual ~97% load, and a slightly larger intake: raising
# `load_ratio_mean` instead puts every worker above the 1.2 ceiling, which leaves the engine
# nothing to decide (docs/performance.md, "Why the county holds ~1,400").
LARGE = replace(DEFAULT_PROPORTIONS, social_workers=(13, 15), new_children_usual=(14, 22))

Aims = dict[str, int]


@dataclass(frozen=True)
class Size:
    """One benchmark size."""

    name: str
    teams: int
    config: SolverConfig
    proportions: DemoProportions = DEFAULT_PROPORTIONS


@dataclass(frozen=True)
class Row:
    """One engine's figures on one size (times: the best of the runs, and all of them)."""

    engine: str
    seconds: float
    runs: tuple[float, ...]
    status: str
    objective: int | None  # None: the greedy plan has no objective or bound of its own
    bound: int | None
    unallocated: int
    continuity: int
    worst_ratio: float
    over_capacity: int
    worst_team: float = 0.0  # the slowest team's solve, seconds (best over the runs)
    worst_team_name: str = ""
    worst_team_runs: tuple[float, ...] = ()
    cpu: float = 0.0  # CPU seconds of the best run, every thread (on an idle 2-core machine
    # the wall time is about this ÷ 2; on a busy one it shows how much of the wall was ours)

    @property
    def gap(self) -> int | None:
        """Absolute gap between the objective and the bound."""
        if self.objective is None or self.bound is None:
            return None
        return abs(self.objective - self.bound)


@dataclass
class EngineRun:
    """One run of the engine on a size: the proposal and each team's solution."""

    proposal: AllocationProposal
    seconds: float
    solutions: dict[str, Solution] = field(default_factory=dict)
    cpu: float = 0.0

    def worst_team(self) -> tuple[str, float]:
        """The slowest team's name and solve time."""
        if not self.solutions:
            return "", 0.0
        name = max(self.solutions, key=lambda t: self.solutions[t].solve_seconds)
        return name, self.solutions[name].solve_seconds


def summary(engine: str, proposal: AllocationProposal, seconds: float, scored: bool = True) -> Row:
    """Summarise a proposal (`scored`: it has an objective and a bound)."""
    leads = [w for w in proposal.workload if w.role.leads and w.capacity > 0]
    return Row(
        engine=engine,
        seconds=seconds,
        runs=(seconds,),
        status=proposal.status,
        objective=proposal.objective if scored else None,
        bound=proposal.bound if scored else None,
        unallocated=len(proposal.unallocated),
        continuity=len({a.family_id for a in proposal.allocations if a.continuity}),
        worst_ratio=max((w.ratio_after for w in leads), default=0.0),
        over_capacity=sum(1 for w in leads if w.ratio_after > 1.0 + 1e-9),
    )


def run_engine(
    data: TeamData,
    config: SolverConfig,
    warm_start: Mapping[FamilyId, WorkerId | None] | None = None,
    fresh: bool = True,
) -> EngineRun:
    """Our engine: `propose`, timed from TeamData to proposal, each team's solution kept.

    `fresh`: forget the optima the service keeps per team first, so every team is searched.
    """
    if fresh:
        forget_solutions()
    solutions: dict[str, Solution] = {}

    def done(team: str, solution: Solution) -> None:
        solutions[team] = solution

    started, cpu = time.perf_counter(), time.process_time()
    proposal = propose(data, config, on_team_done=done, warm_start=warm_start)
    seconds = time.perf_counter() - started
    return EngineRun(proposal, seconds, solutions, time.process_time() - cpu)


def run_greedy(data: TeamData) -> tuple[AllocationProposal, float]:
    """The baseline: the greedy least-loaded plan per team, through the same assembly."""
    from solver.greedy import greedy_plan

    started = time.perf_counter()
    prep = prepare(data)
    solutions: dict[str, Solution] = {
        t.team: Solution(SolveStatus.FEASIBLE, MappingProxyType(greedy_plan(t.instance)))
        for t in prep.teams
    }
    proposal = assemble(data, prep, solutions, 0.0)
    return proposal, time.perf_counter() - started


def repeated(measure: Callable[[], float], repeat: int) -> tuple[float, ...]:
    """`measure()` run `repeat` times: each run's seconds."""
    return tuple(measure() for _ in range(repeat))


def team_optima(solutions: Mapping[str, Solution]) -> dict[str, dict[str, object]]:
    """Each team's status, objective and aim values, as optima_before.json records them."""
    return {
        team: {
            "aims": dict(sorted(s.aim_values.items())),
            "objective": s.objective,
            "status": str(s.status),
        }
        for team, s in sorted(solutions.items())
    }


def optima_differences(size: str, solutions: Mapping[str, Solution]) -> tuple[int, list[str]]:
    """How many teams were compared with optima_before.json, and each difference."""
    recorded: dict[str, dict[str, dict[str, object]]] = json.loads(OPTIMA_BEFORE.read_text())
    before = recorded.get(size)
    if before is None:
        return 0, [f"{size}: no optima recorded before"]
    now = team_optima(solutions)
    differences: list[str] = []
    for team in sorted(set(before) | set(now)):
        was, is_ = before.get(team), now.get(team)
        if was is None or is_ is None:
            differences.append(f"{size} / {team}: only {'now' if was is None else 'before'}")
            continue
        for key in ("status", "aims"):
            if was[key] != is_[key]:
                differences.append(f"{size} / {team}: {key} {was[key]} -> {is_[key]}")
    return len(now), differences


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def _runs(values: tuple[float, ...], digits: int = 2) -> str:
    return ", ".join(f"{v:.{digits}f}" for v in values)


def print_table(size: Size, data: TeamData, rows: list[Row]) -> None:
    """Print one size's figures, the engines side by side."""
    print(
        f"\n== {size.name}: {size.teams} team(s), {len(data.workers)} workers, "
        f"{len(data.new_children())} new children, {len(data.open_children())} open =="
    )
    header = (
        f"{'engine':<20} {'wall s':>7} {'worst team s':>12} {'status':<9} {'objective':>10} "
        f"{'bound':>10} {'gap':>5} {'unalloc':>7} {'contin':>6} {'worst':>6} {'over':>4}"
    )
    print(header)
    for r in rows:
        worst = f"{r.worst_team:.3f}" if r.worst_team_name else "-"
        print(
            f"{r.engine:<20} {r.seconds:>7.2f} {worst:>12} {r.status:<9} "
            f"{_num(r.objective):>10} {_num(r.bound):>10} {_num(r.gap):>5} {r.unallocated:>7} "
            f"{r.continuity:>6} {r.worst_ratio:>6.0%} {r.over_capacity:>4}"
        )
    for r in rows:
        line = f"  {r.engine} wall s, every run: {_runs(r.runs)}"
        if r.cpu:
            line += f"; CPU s of the best run: {r.cpu:.2f}"
        if r.worst_team_name:
            line += f"; worst team ({r.worst_team_name}) s: {_runs(r.worst_team_runs, 3)}"
        print(line)


def sizes(quick: bool) -> list[Size]:
    """The four sizes (three with --quick)."""
    # A generous limit: the goals are about proving every optimum, and on a busy machine a
    # tighter one can stop a stage of the hardest team and change its answer.
    config = SolverConfig(time_limit_seconds=60)
    all_sizes = [
        Size("Team", 1, config),
        Size("County", 17, config),
        Size("Large county", 17, config, LARGE),
        Size("10x county", 170, config),
    ]
    return all_sizes[:3] if quick else all_sizes


def size_data(size: Size) -> TeamData:
    """The size's demo data."""
    return generate(teams=size.teams, seed=SEED, week=WEEK, proportions=size.proportions)


def measure_size(size: Size, data: TeamData, repeat: int) -> tuple[Row, Row, list[EngineRun]]:
    """The engine and the greedy baseline on one size, `repeat` times each."""
    runs = [run_engine(data, size.config) for _ in range(repeat)]
    best = min(runs, key=lambda r: r.seconds)
    worst_teams = tuple(r.worst_team()[1] for r in runs)
    name = min(runs, key=lambda r: r.worst_team()[1]).worst_team()[0]
    engine = replace(
        summary("CP-SAT engine", best.proposal, best.seconds),
        runs=tuple(r.seconds for r in runs),
        worst_team=min(worst_teams),
        worst_team_name=name,
        worst_team_runs=worst_teams,
        cpu=best.cpu,
    )
    greedy_runs = [run_greedy(data) for _ in range(repeat)]
    proposal, _ = greedy_runs[0]
    greedy_times = tuple(s for _, s in greedy_runs)
    greedy = replace(
        summary("Greedy least-loaded", proposal, min(greedy_times), scored=False),
        runs=greedy_times,
    )
    return engine, greedy, runs


def one_team(data: TeamData, team: str) -> TeamData:
    """The data of one team alone."""
    workers = tuple(w for w in data.workers if w.team == team)
    children = tuple(c for c in data.children if c.team == team)
    return TeamData(workers, children, data.settings)


Plan = dict[FamilyId, WorkerId | None]


def one_change(data: TeamData, proposal: AllocationProposal) -> tuple[TeamData, Plan, str]:
    """The manager's one change: the first family the engine placed, pinned to another
    worker who may lead it. Returns the data with the pin, the plan after the change (the
    warm start) and a sentence saying what changed."""
    prep = prepare(data)
    plan: Plan = {}
    for allocation in proposal.allocations:
        plan[allocation.family_id] = allocation.worker_id
    for unallocated in proposal.unallocated:
        plan[unallocated.family_id] = None
    for team in prep.teams:
        for family_id, fp in sorted(team.families.items()):
            worker = plan.get(family_id)
            others = [w for w in fp.unit.eligible if w != worker]
            if worker is None or fp.unit.fixed_worker is not None or not others:
                continue
            chosen = WorkerId(sorted(others)[0])
            children = tuple(
                replace(c, pin_worker_id=chosen)
                if c.family_id == family_id and c.worker_id is None
                else c
                for c in data.children
            )
            plan[family_id] = chosen
            said = f"{team.team}: family {family_id} pinned from {worker} to {chosen}"
            return TeamData(data.workers, children, data.settings), plan, said
    raise ValueError("no family to change")


@dataclass(frozen=True)
class Interactive:
    """Re-optimising one team after one change, with and without the warm start."""

    team: str
    change: str
    cold: tuple[float, ...]
    warm: tuple[float, ...]
    same_optimum: bool


def measure_interactive(data: TeamData, team: str, repeat: int) -> Interactive:
    """`propose` on `team` after pinning one family: from scratch and from the plan in hand."""
    alone = one_team(data, team)
    config = SolverConfig(time_limit_seconds=10)
    first = run_engine(alone, config)
    changed, plan, said = one_change(alone, first.proposal)
    cold = [run_engine(changed, config) for _ in range(repeat)]
    warm = [run_engine(changed, config, warm_start=plan) for _ in range(repeat)]
    same = all(team_optima(r.solutions) == team_optima(cold[0].solutions) for r in [*cold, *warm])
    return Interactive(
        team,
        said,
        tuple(r.seconds for r in cold),
        tuple(r.seconds for r in warm),
        same,
    )


def measure_app_reoptimise(data: TeamData, repeat: int) -> tuple[str, tuple[float, ...], bool]:
    """The app's path: after a proposal of every team, one family pinned, `propose` again on
    the whole data with the plan in hand (the unchanged teams' optima are kept)."""
    config = SolverConfig(time_limit_seconds=60)
    times: list[float] = []
    same = True
    said = ""
    for _ in range(repeat):
        first = run_engine(data, config)
        changed, plan, said = one_change(data, first.proposal)
        again = run_engine(changed, config, warm_start=plan, fresh=False)
        scratch = run_engine(changed, config)
        same = same and team_optima(again.solutions) == team_optima(scratch.solutions)
        times.append(again.seconds)
    return said, tuple(times), same


def goal_line(goal: str, measured: float, limit: float, ok: bool = True, unit: str = "s") -> str:
    """One goal, its measured figure and the ratio to it."""
    ratio = measured / limit
    met = "MET" if ok and ratio <= 1.0 else "MISSED"
    return f"  {goal:<58} measured {measured:.3f} {unit}, ratio {ratio:.2f}: {met}"


def main() -> None:
    """Run the benchmarks and print the tables, the optima check and the goals."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10x county")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (best kept)")
    parser.add_argument("--record", type=Path, help="write every team's optima to this file")
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"FSP Allocator benchmarks, {date.today().isoformat()}, {platform.machine()} "
        f"{os.cpu_count()} CPU(s), Python {platform.python_version()}, demo seed {SEED}, "
        f"{repeat} run(s) each, load average {load:.1f}"
    )
    run_engine(generate(teams=1, seed=SEED, week=WEEK), SolverConfig())  # load OR-Tools first
    engines: dict[str, Row] = {}
    compared, differences = 0, []
    recorded: dict[str, object] = {}
    datas: dict[str, TeamData] = {}
    for size in sizes(args.quick):
        data = size_data(size)
        datas[size.name] = data
        engine, greedy, runs = measure_size(size, data, repeat)
        engines[size.name] = engine
        print_table(size, data, [engine, greedy])
        for run in runs:
            count, found = optima_differences(size.name, run.solutions)
            differences += [d for d in found if d not in differences]
        compared += count
        recorded[size.name] = team_optima(runs[0].solutions)
    if args.record is not None:
        args.record.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    print()
    if differences:
        print(f"optima: {len(differences)} difference(s) from before:")
        for line in differences:
            print(f"  {line}")
    else:
        print(f"optima: all {compared} teams equal to before")

    large = engines["Large county"]
    worst_size = max(engines, key=lambda s: engines[s].worst_team)
    slowest = engines[worst_size].worst_team_name
    team = engines["Team"].worst_team_name
    interactive = measure_interactive(datas["Team"], team, repeat)
    hardest = measure_interactive(datas[worst_size], slowest, repeat)
    for label, measured in (("the benchmark's team", interactive), ("the hardest team", hardest)):
        print(f"\ninteractive on {label} ({measured.change}):")
        print(f"  from scratch s: {_runs(measured.cold, 3)}")
        print(f"  warm start s:   {_runs(measured.warm, 3)}")
        print(f"  same optimum with and without the warm start: {measured.same_optimum}")

    said, app_times, app_same = measure_app_reoptimise(datas["County"], repeat)
    print(f"\nre-optimise the whole county after one change, as the app does ({said}):")
    print(f"  s: {_runs(app_times, 3)}; same optima as from scratch: {app_same}")

    print("\ngoals:")
    print(
        goal_line(
            "large county, every team proven optimal, <= 1.0 s wall",
            large.seconds,
            1.0,
            large.status == "OPTIMAL",
        )
    )
    print(
        goal_line(
            f"worst single team <= 0.3 s ({worst_size}, {slowest})",
            engines[worst_size].worst_team,
            0.3,
        )
    )
    if "10x county" in engines:
        tenfold = engines["10x county"]
        print(
            goal_line(
                f"10x county <= 10 s, gap 0 (gap {tenfold.gap})",
                tenfold.seconds,
                10.0,
                tenfold.gap == 0 and tenfold.status == "OPTIMAL",
            )
        )
    for label, measured in ((team, interactive), (slowest, hardest)):
        print(
            goal_line(
                f"re-optimise after one change <= 200 ms, warm ({label})",
                min(measured.warm) * 1000,
                200.0,
                measured.same_optimum,
                unit="ms",
            )
        )


if __name__ == "__main__":
    main()
