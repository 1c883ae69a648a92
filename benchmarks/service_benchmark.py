"""Benchmark of the service report and the capacity plan (issue 12), on demo data.

Run: `python benchmarks/service_benchmark.py [--repeat N]`. Sizes: the county (17 teams,
Oxfordshire's FSP) and ten counties (170 teams), seed 1, week 2026-11-23. Targets
(2-core machine): report and plan for the county in 1 s or less, for ten counties in 5 s
or less; the county's allocation with overflow between teams in at most twice the time
without, and how many more children it places (on the demo county and an over-full one).
Timed from the data in memory (the workbook read is the importer's, timed
elsewhere): the report's figures, its JSON and printable workbook, the plan's figures with
a what-if change, and its JSON and workbook. Also: the county from a SQLite workspace
(load, accepted weeks and the report). The best of `--repeat` runs is given, with all of
them. Not a pytest test: speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData
from fsp_allocator.result.json_writer import write_json_file
from fsp_allocator.service.figures import service_report
from fsp_allocator.service.plan import make_plan
from fsp_allocator.service.plan_output import plan_dict, write_plan_excel
from fsp_allocator.service.rates import last_week_unallocated, measured_rates, workbook_rates
from fsp_allocator.service.report_excel import write_report_excel
from fsp_allocator.service.report_json import report_dict
from fsp_allocator.service.whatif import parse_changes
from fsp_allocator.workspace import open_workspace

WEEK = date(2026, 11, 23)
SEED = 1
SIZES = (("County", 17, 1.0), ("10x county", 170, 5.0))


def report_and_plan(data: TeamData, folder: Path) -> None:
    """Everything `service` and `plan` do after reading: figures and both files of each."""
    report = service_report(data)
    write_json_file(report_dict(report), folder / "service.json")
    write_report_excel(report, folder / "service.xlsx")
    first = data.teams()[0]
    changes = parse_changes([f"{first}:SW:1"], [data.workers[0].worker_id], data)
    plan = make_plan(data, workbook_rates(data), changes, weeks=12, report=report)
    write_json_file(plan_dict(plan), folder / "plan.json")
    write_plan_excel(plan, folder / "plan.xlsx")


def figures_only(data: TeamData) -> None:
    """The report's figures alone."""
    service_report(data)


def from_workspace(target: Path) -> None:
    """The report and the plan's rates from a workspace: load, accepted weeks, figures."""
    workspace = open_workspace(target)
    try:
        data, weeks = workspace.load(), workspace.week_records()
        report = service_report(data, last_week_unallocated(weeks), source="workspace")
        make_plan(data, measured_rates(weeks, data.teams()), report=report)
    finally:
        workspace.close()


def _keep(store: list[AllocationProposal], data: TeamData) -> None:
    from fsp_allocator.allocation.service import propose

    store.append(propose(data))


def overflow_rows(repeat: int) -> None:
    """Propose on the county without and with overflow: time, ratio and children placed."""
    from fsp_allocator.demo import DEFAULT_PROPORTIONS

    print()
    print("| county | overflow | best s | runs s | allocated | unallocated | overflowed |")
    print("|---|---|---|---|---|---|---|")
    counties = (
        ("demo county (mean load 97%)", DEFAULT_PROPORTIONS),
        ("over-full county (mean load 108%)", replace(DEFAULT_PROPORTIONS, load_ratio_mean=1.08)),
    )
    for label, proportions in counties:
        data = generate(teams=17, seed=SEED, week=WEEK, proportions=proportions)
        results = {}
        for on in (False, True):
            run = replace(data, settings=replace(data.settings, overflow=on))
            proposals: list[AllocationProposal] = []
            times = timed(partial(_keep, proposals, run), repeat)
            proposal = proposals[-1]
            results[on] = (min(times), len(proposal.allocations))
            print(
                f"| {label} | {'on' if on else 'off'} | {min(times):.2f} | "
                f"{', '.join(f'{t:.2f}' for t in times)} | {len(proposal.allocations)} | "
                f"{len(proposal.unallocated)} | {sum(a.overflow for a in proposal.allocations)} |"
            )
        (off_s, off_n), (on_s, on_n) = results[False], results[True]
        print(
            f"{label}: with overflow {on_s / off_s:.2f}x the time without (target <= 2x); "
            f"{on_n - off_n} more children placed."
        )


def timed(work: Callable[[], None], repeat: int) -> list[float]:
    """Wall-clock seconds of each of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    """Print the figures and the ratio of each to its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}")
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| size | teams | workers | open children | step | best s | runs s | target | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name, teams, target in SIZES:
            data = generate(teams=teams, seed=SEED, week=WEEK)
            size = f"| {name} | {teams} | {len(data.workers):,} | {len(data.open_children()):,}"
            runs = timed(partial(report_and_plan, data, out), args.repeat)
            only = timed(partial(figures_only, data), args.repeat)
            for step, times in (("report + plan, with files", runs), ("report figures", only)):
                best = min(times)
                print(
                    f"{size} | {step} | {best:.3f} | {', '.join(f'{t:.3f}' for t in times)} "
                    f"| ≤ {target:g} | {best / target:.2f} |"
                )
            if teams == 17:
                target_path = out / "county.sqlite"
                workspace = open_workspace(target_path)
                workspace.import_team(data)
                workspace.close()
                times = timed(partial(from_workspace, target_path), args.repeat)
                print(
                    f"{size} | from a SQLite workspace | {min(times):.3f} | "
                    f"{', '.join(f'{t:.3f}' for t in times)} | ≤ {target:g} "
                    f"| {min(times) / target:.2f} |"
                )
    overflow_rows(args.repeat)
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
