"""Intake and closure rates for the plan: given, this week's, or measured from a workspace.

Rates are weighted units per week per team. Measured rates are the mean of the last
`MEASURED_WEEKS` accepted weeks (a team with nothing in a week counts 0 for it); the plan
says how many weeks the mean rests on. A workbook knows only this week's intake (its new
children's weight) and no closures; `--intake` / `--closures` replace either for every team.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from fsp_allocator.domain import TeamData
from fsp_allocator.service.figures import child_teams
from fsp_allocator.weighting import child_weights
from fsp_allocator.workspace.service_history import WeekRecord

MEASURED_WEEKS = 8


@dataclass(frozen=True, slots=True)
class Rates:
    """Per team and week: weighted units arriving and closing, and what they rest on."""

    intake: Mapping[str, float]
    closures: Mapping[str, float]
    weeks: int  # accepted weeks the measured mean rests on (0 when none were measured)
    basis: str  # one sentence: where the rates come from


def _frozen(values: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(values))


def workbook_rates(data: TeamData) -> Rates:
    """This week's intake (the new children's weight) per team; closures unknown, so 0."""
    weights = child_weights(data.children, data.settings)
    intake = {
        team: sum(weights[c.child_id] for c in children if c.is_new)
        for team, children in child_teams(data).items()
    }
    return Rates(
        _frozen(intake),
        _frozen(dict.fromkeys(intake, 0.0)),
        weeks=1,
        basis="intake: this week's new children in the workbook; closures: none known "
        "(give --closures)",
    )


def measured_rates(records: Sequence[WeekRecord], teams: Sequence[str]) -> Rates:
    """The mean over the last `MEASURED_WEEKS` accepted weeks, per team."""
    used = list(records)[-MEASURED_WEEKS:]
    n = len(used)

    def mean(pick: str) -> dict[str, float]:
        return {
            team: (sum(getattr(r, pick).get(team, 0.0) for r in used) / n if n else 0.0)
            for team in teams
        }

    if n:
        basis = (
            f"the mean of the last {n} accepted week{'s' if n != 1 else ''} "
            f"({used[0].week.isoformat()} to {used[-1].week.isoformat()})"
        )
    else:
        basis = "no accepted weeks yet, so intake and closures are 0 until rates are given"
    return Rates(_frozen(mean("intake")), _frozen(mean("closures")), weeks=n, basis=basis)


def with_overrides(rates: Rates, intake: float | None, closures: float | None) -> Rates:
    """The rates with `--intake` / `--closures` (when given) for every team."""
    parts = []
    new_intake, new_closures = dict(rates.intake), dict(rates.closures)
    if intake is not None:
        new_intake = dict.fromkeys(new_intake, intake)
        parts.append(f"intake {intake:g} per team given")
    if closures is not None:
        new_closures = dict.fromkeys(new_closures, closures)
        parts.append(f"closures {closures:g} per team given")
    if not parts:
        return rates
    if intake is not None and closures is not None:
        return Rates(_frozen(new_intake), _frozen(new_closures), 0, "; ".join(parts))
    return Rates(
        _frozen(new_intake),
        _frozen(new_closures),
        rates.weeks,
        "; ".join(parts) + f"; otherwise {rates.basis}",
    )


def last_week_unallocated(records: Sequence[WeekRecord]) -> dict[str, int] | None:
    """The children left unallocated per team at the last accepted week (None: no week yet)."""
    return dict(records[-1].unallocated) if records else None
