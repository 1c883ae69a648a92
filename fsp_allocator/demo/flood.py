"""The demo team with many more new children than it has room for: capacity runs out.

For the shortfall's tests and screenshot (issue 16 met 82 new children, 74 unallocated).
"""

from __future__ import annotations

from dataclasses import replace

from fsp_allocator.demo import generate
from fsp_allocator.domain import Child, ChildId, FamilyId, Stage, TeamData

STAGES = (Stage.CP, Stage.CIN, Stage.ASSESSMENT, Stage.CLA, Stage.PLO)


def flooded_demo(extra_families: int = 40) -> TeamData:
    """The demo (one team, seed 1) with `extra_families` new families of one or two children."""
    data = generate(teams=1, seed=1)
    team = data.workers[0].team
    added: list[Child] = []
    for n in range(extra_families):
        family = FamilyId(f"FLOOD-F{n:03d}")
        for k in range(1 + n % 2):
            added.append(
                Child(
                    ChildId(f"FLOOD-C{n:03d}-{k}"),
                    family,
                    STAGES[n % len(STAGES)],
                    factors=("3B",) if n % 3 == 0 else (),
                    team=team,
                )
            )
    return replace(data, children=(*data.children, *added))
