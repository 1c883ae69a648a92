"""The service report as the spec's JSON (`service.md`, 2): `week`, `teams`, `service`.

Amounts are rounded to hundredths (as weights are), so the JSON reads as the sheet does;
ratios are computed before rounding. A ratio with nothing to divide by is null.
"""

from __future__ import annotations

from typing import Any

from fsp_allocator.service.figures import ServiceReport, TeamFigures, WorkerFigures

DECIMALS = 2


def rounded(value: float | None) -> float | None:
    """A figure to hundredths (None stays None; -0.0 becomes 0.0)."""
    return None if value is None else round(value, DECIMALS) + 0.0


def figures_dict(figures: TeamFigures) -> dict[str, Any]:
    """One team's (or the service's) figures with the spec's keys, in the spec's order."""
    return {
        "team": figures.team,
        "lead_workers": figures.lead_workers,
        "lead_fte": rounded(figures.lead_fte),
        "capacity": rounded(figures.capacity),
        "children": figures.children,
        "load": rounded(figures.load),
        "load_ratio": rounded(figures.load_ratio),
        "over_capacity": figures.over_capacity,
        "at_court_cap": figures.at_court_cap,
        "court_families": figures.court_families,
        "new_children": figures.new_children,
        "unallocated_last_week": figures.unallocated_last_week,
        "fte_needed": rounded(figures.fte_needed),
        "fte_gap": rounded(figures.fte_gap),
        "children_per_fte": rounded(figures.children_per_fte),
    }


def worker_dict(line: WorkerFigures) -> dict[str, Any]:
    """One lead worker's line (the Workers sheet's columns)."""
    return {
        "team": line.team,
        "worker_id": line.worker_id,
        "name": line.name,
        "role": line.role,
        "fte": line.fte,
        "accepting": line.accepting,
        "capacity": rounded(line.capacity),
        "load": rounded(line.load),
        "load_ratio": rounded(line.load_ratio),
        "children": line.children,
        "court": line.court,
        "court_cap": line.court_cap,
    }


def report_dict(report: ServiceReport) -> dict[str, Any]:
    """The whole report: the spec's keys, then the lead workers (the Workers sheet)."""
    return {
        "week": report.week.isoformat(),
        "source": report.source,
        "teams": [figures_dict(t) for t in report.teams],
        "service": figures_dict(report.service),
        "workers": [worker_dict(w) for w in report.workers],
    }
