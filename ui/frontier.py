"""The frontier as the manager reads it: the worst caseload for 0..N voluntary moves.

Several teams each have their own frontier; the view shows the worst load across them at
each point (a point is proven only when every team's is). Plain Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fsp_allocator.rebalance.result import FrontierLine
from ui.formatting import percent


@dataclass(frozen=True, slots=True)
class FrontierPoint:
    """At most `moves` voluntary moves per team: the worst load and who is above capacity."""

    moves: int
    max_load_ratio: float
    over_capacity: int
    proven: bool
    used_moves: int


def points(frontier: Iterable[FrontierLine]) -> list[FrontierPoint]:
    """One point per number of moves, the teams combined (worst ratio, totals, all proven)."""
    by_moves: dict[int, list[FrontierLine]] = {}
    for line in frontier:
        by_moves.setdefault(line.moves, []).append(line)
    return [
        FrontierPoint(
            moves,
            max(line.max_load_ratio for line in lines),
            sum(line.over_capacity for line in lines),
            all(line.proven for line in lines),
            sum(line.used_moves for line in lines),
        )
        for moves, lines in sorted(by_moves.items())
    ]


def point_text(frontier: list[FrontierPoint], moves: int) -> str:
    """'3 moves bring the worst caseload from 131% to 112%', and whether it is proven."""
    if not frontier:
        return "No plan yet: press Find the best re-homing."
    chosen = next((p for p in frontier if p.moves == moves), frontier[-1])
    start = frontier[0]
    over = f"{chosen.over_capacity} worker(s) above capacity."
    if chosen.moves == 0:
        text = (
            f"With no voluntary move (only the released caseloads re-homed) the worst "
            f"caseload is {percent(start.max_load_ratio)}; {over}"
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
    """The fewest moves that reach the best worst-load (no move that does not help)."""
    if not frontier:
        return 0
    best = min(p.max_load_ratio for p in frontier)
    return min(p.moves for p in frontier if p.max_load_ratio <= best + 1e-9)
