"""Small hand-made services whose figures are worked out by hand in the tests.

Every child has a `complexity`, its final weight (no sibling discount), so each load is a
sum one can check on paper. Defaults: target 15, ASYE 0.8, ATM 0.33, court cap 3.
"""

from __future__ import annotations

from datetime import date

from fsp_allocator.domain import (
    Child,
    ChildId,
    FamilyId,
    Role,
    Stage,
    TeamData,
    TeamName,
    Worker,
    WorkerId,
)
from fsp_allocator.settings import default_settings

WEEK = date(2026, 11, 23)


def worker(wid: str, team: str, role: Role = Role.SW, fte: float = 1.0, **kw: object) -> Worker:
    """A worker of `team`."""
    return Worker(WorkerId(wid), f"Name {wid}", role, fte, TeamName(team), **kw)  # type: ignore[arg-type]


def child(
    cid: str,
    family: str,
    weight: float,
    holder: str | None,
    team: str,
    stage: Stage = Stage.CIN,
) -> Child:
    """A child of `weight` held by `holder` (None = new) in `team`."""
    return Child(
        ChildId(cid),
        FamilyId(family),
        stage,
        worker_id=WorkerId(holder) if holder else None,
        complexity=weight,
        team=TeamName(team),
    )


def two_teams() -> TeamData:
    """North (five lead workers, a leaver, an FSW) and East (one overloaded worker).

    North: N1 SW 15 holds 5+5 (F1), 5 PLO (F2), 2 (F3) = 17, over capacity; N2 ASYE 12
    holds 6; N3 ATM 4.95 holds nothing; N4 SW 0.5 FTE 7.5, not accepting, holds 3 COURT;
    N5 left before the week, holds 3 (counted in children, not in load); N6 FSW; N7 SW
    with court cap 1 holds 2 PLO (at the cap). Two new children. East: E1 SW 15 holds
    4+4 COURT (F8) and 8 = 16; one new child.
    """
    workers = (
        worker("N1", "North"),
        worker("N2", "North", Role.ASYE),
        worker("N3", "North", Role.ATM),
        worker("N4", "North", fte=0.5, accepting=False),
        worker("N5", "North", available_to=date(2026, 11, 1)),
        worker("N6", "North", Role.FSW),
        worker("N7", "North", court_cap=1),
        worker("E1", "East"),
    )
    children = (
        child("c1", "F1", 5, "N1", "North"),
        child("c2", "F1", 5, "N1", "North"),
        child("c3", "F2", 5, "N1", "North", Stage.PLO),
        child("c4", "F3", 2, "N1", "North"),
        child("c5", "F4", 6, "N2", "North"),
        child("c6", "F5", 3, "N4", "North", Stage.COURT),
        child("c7", "F6", 3, "N5", "North"),
        child("c8", "F7", 2, "N7", "North", Stage.PLO),
        child("c9", "F8", 4, "E1", "East", Stage.COURT),
        child("c10", "F8", 4, "E1", "East", Stage.COURT),
        child("c11", "F9", 8, "E1", "East"),
        child("n1", "F10", 1.5, None, "North", Stage.ASSESSMENT),
        child("n2", "F11", 2.5, None, "North", Stage.COURT),
        child("n3", "F12", 1.0, None, "East"),
    )
    return TeamData(workers, children, default_settings(WEEK))


def oxfordshire_2021() -> TeamData:
    """Seed 004's service: 17 teams, 2,628 open children against a plan of 1,905.

    127 full-time social workers at the target of 15 hold a capacity of 1,905; every open
    child is a CIN child of its own family, weight 1, so the load is 2,628.
    """
    sizes = [8] * 8 + [7] * 9  # 127 workers in 17 teams
    workers = [
        worker(f"T{t}W{w}", f"Team {t + 1:02d}")
        for t, size in enumerate(sizes)
        for w in range(size)
    ]
    children = [
        Child(
            ChildId(f"C{i}"),
            FamilyId(f"F{i}"),
            Stage.CIN,
            worker_id=workers[i % len(workers)].worker_id,
            team=workers[i % len(workers)].team,
        )
        for i in range(2628)
    ]
    return TeamData(tuple(workers), tuple(children), default_settings(WEEK))
