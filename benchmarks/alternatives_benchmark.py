"""Time the ranked alternatives for one family (issue 10, part 3): goal ≤ 300 ms on a team.

Run: `python benchmarks/alternatives_benchmark.py`. For a team, one big team (four demo teams
merged) and a county (17 teams: the app's workspace holds every team, so each list prepares
the whole county), proposes once, then times `alternatives` for every new family and
prints the median and worst per family, with the team size and the machine. Not a pytest
test: speed is never asserted.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from dataclasses import replace
from datetime import date

from fsp_allocator.allocation.alternatives import alternatives, plan_context, ranked
from fsp_allocator.allocation.service import propose
from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData

WEEK = date(2026, 11, 23)
GOAL_MS = 300.0


def one_big_team(teams: int) -> TeamData:
    """`teams` demo teams merged into one team (a team far larger than any real one)."""
    data = generate(teams=teams, seed=1, week=WEEK)
    name = data.teams()[0]
    workers = tuple(replace(w, team=name) for w in data.workers)
    children = tuple(replace(c, team=name) if c.team else c for c in data.children)
    return replace(data, workers=workers, children=children)


def measure(label: str, data: TeamData) -> None:
    """Print the per-family times for `data`."""
    proposal = propose(data)
    families = sorted({c.family_id for c in data.new_children()})
    times: list[float] = []  # `alternatives` from scratch: prepares the week each time
    shared: list[float] = []  # `ranked` on one `plan_context`, as the command line lists them
    listed = 0
    for family_id in families:
        started = time.perf_counter()
        listed = max(listed, len(alternatives(data, proposal, {}, family_id)))
        times.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    context = plan_context(data, proposal, {})
    prepared = (time.perf_counter() - started) * 1000
    for family_id in families:
        started = time.perf_counter()
        ranked(context, family_id)
        shared.append((time.perf_counter() - started) * 1000)
    leads = max(
        sum(1 for w in data.workers if w.team == team and w.role.leads) for team in data.teams()
    )
    print(
        f"{label}: {len(data.teams())} team(s), {len(data.workers)} workers "
        f"(largest team {leads} leads, "
        f"lists of up to {listed}), {len(families)} families: one list from scratch median "
        f"{statistics.median(times):.1f} ms, worst {max(times):.1f} ms "
        f"(goal {GOAL_MS:.0f} ms: {'met' if max(times) <= GOAL_MS else 'NOT met'}); "
        f"on a shared context ({prepared:.0f} ms once) median "
        f"{statistics.median(shared):.1f} ms, worst {max(shared):.1f} ms"
    )


def main() -> None:
    """Both sizes, with the machine."""
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    measure("team", generate(teams=1, seed=1, week=WEEK))
    measure("big team (4 merged)", one_big_team(4))
    measure("county", generate(teams=17, seed=1, week=WEEK))


if __name__ == "__main__":
    main()
