"""Benchmarks: our engine against a greedy least-loaded baseline, on demo data of three sizes.

Run: `python benchmarks/run_benchmarks.py [--quick]` (`--quick` skips the 10x county).
Sizes: one team; a county (17 teams, Oxfordshire's FSP); ten counties (170 teams). The
baseline is `solver.greedy.greedy_plan`: what a manager does by hand, each family to the
least-loaded eligible worker. Targets (2-core machine): a team proven optimal in 1 s or
less; the county with every team optimal in 3 s or less; 10x county within 1% of the bound
in 30 s or less. Not a pytest test: speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from fsp_allocator.allocation.assemble import assemble
from fsp_allocator.allocation.instance_builder import prepare
from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.service import propose
from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData
from solver import Solution, SolverConfig, SolveStatus

WEEK = date(2026, 11, 23)
SEED = 1


@dataclass(frozen=True)
class Size:
    """One benchmark size and its target."""

    name: str
    teams: int
    config: SolverConfig
    target_seconds: float
    target: str  # in words
    needs_optimal: bool  # else: relative gap within 1%


@dataclass(frozen=True)
class Row:
    """One engine's figures on one size."""

    engine: str
    seconds: float
    status: str
    objective: int | None  # None: the greedy plan has no objective or bound of its own
    bound: int | None
    unallocated: int
    continuity: int
    worst_ratio: float
    over_capacity: int

    @property
    def gap(self) -> int | None:
        """Absolute gap between the objective and the bound."""
        if self.objective is None or self.bound is None:
            return None
        return abs(self.objective - self.bound)

    @property
    def relative_gap(self) -> float:
        """Gap as a share of the objective (0 when both are 0)."""
        if self.gap is None or self.objective is None:
            return float("inf")
        return self.gap / max(1, abs(self.objective))


def row(engine: str, proposal: AllocationProposal, seconds: float, scored: bool = True) -> Row:
    """Summarise a proposal (`scored`: it has an objective and a bound)."""
    leads = [w for w in proposal.workload if w.role.leads and w.capacity > 0]
    return Row(
        engine=engine,
        seconds=seconds,
        status=proposal.status,
        objective=proposal.objective if scored else None,
        bound=proposal.bound if scored else None,
        unallocated=len(proposal.unallocated),
        continuity=len({a.family_id for a in proposal.allocations if a.continuity}),
        worst_ratio=max((w.ratio_after for w in leads), default=0.0),
        over_capacity=sum(1 for w in leads if w.ratio_after > 1.0 + 1e-9),
    )


def run_engine(data: TeamData, config: SolverConfig) -> Row:
    """Our engine: `propose`, timed from TeamData to proposal."""
    started = time.perf_counter()
    proposal = propose(data, config)
    return row("CP-SAT engine", proposal, time.perf_counter() - started)


def run_greedy(data: TeamData) -> Row:
    """The baseline: the greedy least-loaded plan per team, through the same assembly."""
    from solver.greedy import greedy_plan

    started = time.perf_counter()
    prep = prepare(data)
    solutions: dict[str, Solution] = {
        t.team: Solution(SolveStatus.FEASIBLE, MappingProxyType(greedy_plan(t.instance)))
        for t in prep.teams
    }
    proposal = assemble(data, prep, solutions, 0.0)
    return row("Greedy least-loaded", proposal, time.perf_counter() - started, scored=False)


def verdict(size: Size, engine: Row) -> str:
    """Whether the engine met the size's target, with the ratio to it."""
    ratio = engine.seconds / size.target_seconds
    quality = (
        engine.status == "OPTIMAL"
        if size.needs_optimal
        else engine.relative_gap <= 0.01 and engine.status in ("OPTIMAL", "FEASIBLE")
    )
    met = "MET" if quality and ratio <= 1.0 else "MISSED"
    return f"target {size.target}: {met} (time {ratio:.2f} x the target)"


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def print_table(size: Size, data: TeamData, rows: list[Row]) -> None:
    """Print one size's figures, the engines side by side."""
    print(
        f"\n== {size.name}: {size.teams} team(s), {len(data.workers)} workers, "
        f"{len(data.new_children())} new children, {len(data.open_children())} open =="
    )
    header = (
        f"{'engine':<20} {'time s':>8} {'status':<9} {'objective':>12} {'bound':>12} "
        f"{'gap':>8} {'unalloc':>7} {'contin':>6} {'worst':>6} {'over':>4}"
    )
    print(header)
    for r in rows:
        print(
            f"{r.engine:<20} {r.seconds:>8.2f} {r.status:<9} {_num(r.objective):>12} "
            f"{_num(r.bound):>12} {_num(r.gap):>8} {r.unallocated:>7} {r.continuity:>6} "
            f"{r.worst_ratio:>6.0%} {r.over_capacity:>4}"
        )
    print(verdict(size, rows[0]))


def sizes(quick: bool) -> list[Size]:
    """The three sizes (two with --quick)."""
    all_sizes = [
        Size("Team", 1, SolverConfig(time_limit_seconds=10), 1.0, "proven optimal <= 1 s", True),
        Size("County", 17, SolverConfig(time_limit_seconds=10), 3.0, "all optimal <= 3 s", True),
        Size(
            "10x county",
            170,
            SolverConfig(time_limit_seconds=25, relative_gap=0.01),
            30.0,
            "gap <= 1% within 30 s",
            False,
        ),
    ]
    return all_sizes[:2] if quick else all_sizes


def main() -> None:
    """Run the benchmarks and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10x county")
    args = parser.parse_args()
    print(
        f"FSP Allocator benchmarks, {date.today().isoformat()}, {platform.machine()} "
        f"{os.cpu_count()} CPU(s), Python {platform.python_version()}, demo seed {SEED}"
    )
    for size in sizes(args.quick):
        data = generate(teams=size.teams, seed=SEED, week=WEEK)
        print_table(size, data, [run_engine(data, size.config), run_greedy(data)])


if __name__ == "__main__":
    main()
