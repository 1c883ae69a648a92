"""The few lines `service` and `plan` print: the service's figures and the fullest teams."""

from __future__ import annotations

from fsp_allocator.service.figures import ServiceReport, TeamFigures
from fsp_allocator.service.plan import Plan, PlanFigures

TEAMS_LISTED = 5


def _percent(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.0%}"


def _team_line(t: TeamFigures) -> str:
    return (
        f"{t.team}: load {_percent(t.load_ratio)} of capacity, {t.over_capacity} over "
        f"capacity, FTE needed {t.fte_needed:.2f} (gap {t.fte_gap:+.2f})"
    )


def report_lines(report: ServiceReport) -> list[str]:
    """The service's line, then the fullest teams."""
    fullest = sorted(report.teams, key=lambda t: -(t.load_ratio or 0.0))[:TEAMS_LISTED]
    return [
        f"Week {report.week.isoformat()}: {len(report.teams)} team(s), "
        f"{report.service.children} open children.",
        _team_line(report.service),
        *(f"  {_team_line(t)}" for t in fullest),
    ]


def _full_in(p: PlanFigures) -> str:
    weeks = p.weeks_until_full
    if weeks is None:
        return "not filling"
    if weeks == 0:
        return "full now"
    return f"full in {weeks:.1f} weeks"


def plan_lines(plan: Plan) -> list[str]:
    """Rates, changes, and the service's weeks until full before and after."""
    s = plan.service
    end = _percent(s.before.projected_ratio(plan.weeks))
    lines = [
        f"Plan for {plan.weeks} weeks from {plan.week.isoformat()}; rates: {plan.rates.basis}.",
        f"Service: spare {s.before.spare:.1f}, growth {s.before.growth:+.2f} a week, "
        f"{_full_in(s.before)}; in week {plan.weeks}: {end}.",
    ]
    if plan.changes:
        lines.append("With " + "; ".join(c.sentence() for c in plan.changes) + ":")
        lines.append(
            f"Service: spare {s.after.spare:.1f}, {_full_in(s.after)}; in week {plan.weeks}: "
            f"{_percent(s.after.projected_ratio(plan.weeks))}."
        )
    return lines
