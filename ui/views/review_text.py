"""The review's short texts: the engine's progress line and the warnings at the top."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fsp_allocator.allocation.progress import Progress


def progress_text(report: Progress) -> str:
    """'Team A — Balance loads (aim 3 of 5): 4 plans so far, best 12, within 2 of the best
    possible'; 'searching…' before the first plan, 'best possible' once proved."""
    where = f"{report.team} — {report.stage} (aim {report.stage_index + 1} of {report.stage_count})"
    if report.solutions == 0:
        return f"{where}: searching…"
    if report.gap <= 0:
        return f"{where}: best possible found"
    return (
        f"{where}: {report.solutions} plan(s) so far, best {report.objective:g}, "
        f"within {report.gap:g} of the best possible"
    )


SHOWN_WARNINGS = 2  # more than this: counted, all in the summary's tooltip


def warnings_text(warnings: Sequence[str]) -> str:
    """The first warnings and how many more, so they never fill the top of the review."""
    if not warnings:
        return ""
    shown = " ".join(warnings[:SHOWN_WARNINGS])
    more = len(warnings) - SHOWN_WARNINGS
    return f" Warnings: {shown}" + (f" …and {more} more (hover to see all)." if more > 0 else "")
