"""Capacity planning (`service.md`, 3): spare room, weeks until full and the projected load.

Per team and for the service: `spare` = capacity - load (may be negative); with growth =
intake - closures per week, `weeks_until_full` = spare ÷ growth when growth > 0 and spare
> 0, 0 when already full (spare <= 0), None when there is room and the load is not growing;
the projected load ratio for weeks 1 … `weeks`: (load + k × growth) ÷ capacity, capacity
held constant. "Fits" means at most capacity × `max_load_ratio` (landing on it fits).
The same figures are given before and after the what-if roster changes, side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fsp_allocator.domain import TeamData
from fsp_allocator.service.figures import SERVICE, ServiceReport, TeamFigures, service_report
from fsp_allocator.service.rates import Rates
from fsp_allocator.service.whatif import RosterChange, WhatIfError

MIN_WEEKS, MAX_WEEKS = 1, 104
DEFAULT_WEEKS = 12
EPSILON = 1e-9  # landing exactly on the ceiling fits, whatever the float rounding


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """One team's (or the service's) plan on one roster."""

    team: str
    capacity: float
    load: float
    intake: float
    closures: float
    weeks: int
    max_load_ratio: float

    @property
    def spare(self) -> float:
        """Capacity - load: room left (negative when over capacity)."""
        return self.capacity - self.load

    @property
    def growth(self) -> float:
        """Weighted units the load grows by each week (intake - closures)."""
        return self.intake - self.closures

    @property
    def load_ratio(self) -> float | None:
        """Load ÷ capacity now (None without capacity)."""
        return self.load / self.capacity if self.capacity > 0 else None

    @property
    def weeks_until_full(self) -> float | None:
        """Weeks until load reaches capacity: 0 if full, None if not growing."""
        if self.spare <= 0:
            return 0.0
        if self.growth > 0:
            return self.spare / self.growth
        return None

    def projected_load(self, week: int) -> float:
        """The load `week` weeks after this one."""
        return self.load + week * self.growth

    def projected_ratio(self, week: int) -> float | None:
        """The load ratio `week` weeks after this one (None without capacity)."""
        return self.projected_load(week) / self.capacity if self.capacity > 0 else None

    def fits(self, week: int) -> bool:
        """Whether the projected load is within capacity × `max_load_ratio`."""
        return self.projected_load(week) <= self.capacity * self.max_load_ratio + EPSILON

    def projection(self) -> tuple[float | None, ...]:
        """Load ratios for weeks 1 … `weeks`."""
        return tuple(self.projected_ratio(k) for k in range(1, self.weeks + 1))


@dataclass(frozen=True, slots=True)
class TeamPlan:
    """One team's (or the service's) plan before and after the what-if changes."""

    team: str
    before: PlanFigures
    after: PlanFigures


@dataclass(frozen=True, slots=True)
class Plan:
    """The whole plan: per team and for the service, with the rates and changes behind it."""

    week: date
    weeks: int
    rates: Rates
    changes: tuple[RosterChange, ...]
    teams: tuple[TeamPlan, ...]
    service: TeamPlan
    source: str


def check_weeks(weeks: int) -> None:
    """Refuse a horizon outside 1 … 104 weeks."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise WhatIfError([f"--weeks {weeks}: give between {MIN_WEEKS} and {MAX_WEEKS} weeks"])


def check_rates(intake: float | None, closures: float | None) -> None:
    """Refuse negative (or not finite) rates, naming each."""
    problems = [
        f"{name} {value:g}: a rate must be 0 or more weighted units a week"
        for name, value in (("--intake", intake), ("--closures", closures))
        if value is not None and not (value >= 0 and value != float("inf"))
    ]
    if problems:
        raise WhatIfError(problems)


def _figures(
    t: TeamFigures, capacity: float, rates: Rates, weeks: int, ceiling: float
) -> PlanFigures:
    return PlanFigures(
        team=t.team,
        capacity=capacity,
        load=t.load,
        intake=rates.intake.get(t.team, 0.0),
        closures=rates.closures.get(t.team, 0.0),
        weeks=weeks,
        max_load_ratio=ceiling,
    )


def _service(plans: Sequence[PlanFigures], weeks: int, ceiling: float) -> PlanFigures:
    return PlanFigures(
        team=SERVICE,
        capacity=sum(p.capacity for p in plans),
        load=sum(p.load for p in plans),
        intake=sum(p.intake for p in plans),
        closures=sum(p.closures for p in plans),
        weeks=weeks,
        max_load_ratio=ceiling,
    )


def make_plan(
    data: TeamData,
    rates: Rates,
    changes: Sequence[RosterChange] = (),
    *,
    weeks: int = DEFAULT_WEEKS,
    source: str = "workbook",
    report: ServiceReport | None = None,
) -> Plan:
    """The plan of every team in `data` with `rates`, before and after `changes`.

    `report` (the service report of `data`, when already made) saves working it out again.
    """
    check_weeks(weeks)
    report = report if report is not None else service_report(data)
    ceiling = data.settings.max_load_ratio
    delta: dict[str, float] = {}
    for change in changes:
        sign = 1.0 if change.kind == "add" else -1.0
        delta[change.team] = delta.get(change.team, 0.0) + sign * change.capacity
    teams = []
    for t in report.teams:
        before = _figures(t, t.capacity, rates, weeks, ceiling)
        after = _figures(t, max(0.0, t.capacity + delta.get(t.team, 0.0)), rates, weeks, ceiling)
        teams.append(TeamPlan(t.team, before, after))
    service = TeamPlan(
        SERVICE,
        _service([p.before for p in teams], weeks, ceiling),
        _service([p.after for p in teams], weeks, ceiling),
    )
    return Plan(data.settings.week, weeks, rates, tuple(changes), tuple(teams), service, source)
