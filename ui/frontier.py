"""The frontier as the manager reads it: the worst caseload for 0..N voluntary moves.

Several teams each have their own frontier; the view shows the worst load across them at
each point (a point is proven only when every team's is). Plain Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fsp_allocator.rebalance.result import FrontierLine


def percent(ratio: float) -> str:
    """0.9342 -> '93.4%', 1.31 -> '131%': the frontier's exact ratios to a tenth, so two
    near points read apart."""
    return f"{ratio * 100:.1f}".removesuffix(".0") + "%"


@dataclass(frozen=True, slots=True)
class FrontierPoint:
    """At most `moves` voluntary moves per team: the worst load and who is above capacity."""

    moves: int
    max_load_ratio: float
    over_capacity: int
    proven: bool
    used_moves: int
    unplaced_families: int = 0  # the released caseloads' families left with their worker
    rehomed_better: bool = False  # some team re-homes its released families better than at 0
    best: bool = False  # every team's best plan is reached at this point (or earlier)


def points(frontier: Iterable[FrontierLine]) -> list[FrontierPoint]:
    """One point per number of moves, the teams combined (worst ratio, totals, all proven);
    the best is the fewest moves at which every team has the point its solve chose."""
    frontier = tuple(frontier)
    by_moves: dict[int, list[FrontierLine]] = {}
    for line in frontier:
        by_moves.setdefault(line.moves, []).append(line)
    best = max((line.moves for line in frontier if line.chosen), default=0)
    return [
        FrontierPoint(
            moves,
            max(line.max_load_ratio for line in lines),
            sum(line.over_capacity for line in lines),
            all(line.proven for line in lines),
            sum(line.used_moves for line in lines),
            sum(line.unplaced_families for line in lines),
            any(line.rehomed_better for line in lines),
            moves >= best,
        )
        for moves, lines in sorted(by_moves.items())
    ]


def team_points(frontier: Iterable[FrontierLine]) -> dict[str, list[FrontierPoint]]:
    """Each team's own frontier, teams in the order given (a chart line each)."""
    teams: dict[str, list[FrontierLine]] = {}
    for line in frontier:
        teams.setdefault(line.team, []).append(line)
    return {team: points(lines) for team, lines in teams.items()}


def _rehoming(chosen: FrontierPoint, start: FrontierPoint) -> str:
    """' and re-home 1 more of the released families (2 still left with their worker)'."""
    more = start.unplaced_families - chosen.unplaced_families
    left = (
        f" ({chosen.unplaced_families} still left with their worker)"
        if chosen.unplaced_families
        else " (all of them now)"
    )
    if more > 0:
        return f" and re-home {more} more of the released families{left}"
    if chosen.rehomed_better:
        return (
            " and re-home the released families better: more urgent or longer-waiting ones, "
            f"or with a worker who knows them{left}"
        )
    return ""


def point_text(frontier: list[FrontierPoint], moves: int) -> str:
    """'3 moves bring the worst caseload from 131% to 112%', and whether it is proven."""
    if not frontier:
        return "No plan yet: press Find the best re-homing."
    chosen = next((p for p in frontier if p.moves == moves), frontier[-1])
    start = frontier[0]
    over = f"{chosen.over_capacity} worker(s) above capacity."
    rehoming = _rehoming(chosen, start)
    if chosen.moves == 0:
        left = (
            f" {chosen.unplaced_families} released family(ies) fit nowhere and stay with "
            "their worker."
            if chosen.unplaced_families
            else ""
        )
        text = (
            f"With no voluntary move (only the released caseloads re-homed) the worst "
            f"caseload is {percent(start.max_load_ratio)}; {over}{left}"
        )
    elif rehoming:
        text = (
            f"{chosen.used_moves} voluntary move(s) make room{rehoming}; the worst caseload "
            f"is then {percent(chosen.max_load_ratio)} ({percent(start.max_load_ratio)} with "
            f"none); {over}"
        )
    elif chosen.max_load_ratio >= start.max_load_ratio:
        text = (
            f"Up to {chosen.moves} voluntary move(s) do not lower the worst caseload: it is "
            f"{percent(chosen.max_load_ratio)} ({percent(start.max_load_ratio)} with none); {over}"
        )
    else:
        text = (
            f"{chosen.used_moves} voluntary move(s) bring the worst caseload from "
            f"{percent(start.max_load_ratio)} to {percent(chosen.max_load_ratio)}; {over}"
        )
    if not chosen.proven:
        text += " Not proven the best: the time limit stopped the search at this point."
    return text


def fewest_for_best(frontier: list[FrontierPoint]) -> int:
    """The fewest moves at which every team has the plan its solve chose: the released
    families re-homed best, then the best balance (no move that does not help)."""
    return next((p.moves for p in frontier if p.best), 0)
