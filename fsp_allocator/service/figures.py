"""The service report's figures: per team and for the whole service (`service.md`, 2).

"Lead workers" are SW, SENIOR, ASYE and ATM available on the week, accepting or not;
capacity and load are theirs (the workbook's definitions). `children` counts every open
child of the team, whoever holds it (a leaver's included). Ratios of the service are
recomputed from its sums, never averaged over teams.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fsp_allocator.domain import Child, TeamData, TeamName, Worker, WorkerId
from fsp_allocator.weighting import WorkerLoad, court_cap, worker_loads

SERVICE = "Service"  # the name of the service's row (the sum over teams)


@dataclass(frozen=True, slots=True)
class TeamFigures:
    """One team's figures (or the service's, summed over teams)."""

    team: str
    lead_workers: int
    lead_fte: float
    capacity: float
    children: int
    load: float
    over_capacity: int
    at_court_cap: int
    court_families: int
    new_children: int
    unallocated_last_week: int | None
    target_caseload: float

    @property
    def load_ratio(self) -> float | None:
        """Load ÷ capacity (None when the team has no capacity)."""
        return self.load / self.capacity if self.capacity > 0 else None

    @property
    def fte_needed(self) -> float:
        """The full-time workers at target that the present load needs."""
        return self.load / self.target_caseload

    @property
    def fte_gap(self) -> float:
        """`fte_needed` minus the FTE at target that the capacity holds."""
        return self.fte_needed - self.capacity / self.target_caseload

    @property
    def children_per_fte(self) -> float | None:
        """Open children per lead FTE (None with no lead FTE)."""
        return self.children / self.lead_fte if self.lead_fte > 0 else None


@dataclass(frozen=True, slots=True)
class WorkerFigures:
    """One lead worker's line of the report's Workers sheet and the app's heat map."""

    team: str
    worker_id: str
    name: str
    role: str
    fte: float
    accepting: bool
    capacity: float
    load: float
    children: int
    court: int
    court_cap: int

    @property
    def load_ratio(self) -> float | None:
        """Load ÷ capacity (None when no capacity)."""
        return self.load / self.capacity if self.capacity > 0 else None


@dataclass(frozen=True, slots=True)
class ServiceReport:
    """The report: the week, one `TeamFigures` per team, the service's sums and the workers."""

    week: date
    teams: tuple[TeamFigures, ...]
    service: TeamFigures
    workers: tuple[WorkerFigures, ...]
    source: str  # "workbook" or "workspace"


def is_lead_worker(worker: Worker, week: date) -> bool:
    """SW, SENIOR, ASYE or ATM available on the week (accepting or not)."""
    return worker.role.leads and worker.is_available_on(week)


def child_teams(data: TeamData) -> dict[str, list[Child]]:
    """Children by team: a child's `team`, else its lead worker's, else the only team.

    Every team of the roster is a key (in roster order), even with no children.
    """
    teams = data.teams()
    only = teams[0] if len(teams) == 1 else None
    index = data.worker_index()
    by_team: dict[str, list[Child]] = {team: [] for team in teams}
    for child in data.children:
        team: TeamName | None = child.team
        if team is None and child.worker_id is not None and child.worker_id in index:
            team = index[child.worker_id].team
        team = team or only
        if team is not None:
            by_team.setdefault(team, []).append(child)
    return by_team


def lead_workers_by_team(data: TeamData) -> dict[str, list[Worker]]:
    """The week's lead workers by team, in roster order (every team a key)."""
    week = data.settings.week
    found: dict[str, list[Worker]] = {team: [] for team in data.teams()}
    for worker in data.workers:
        if is_lead_worker(worker, week):
            found[worker.team].append(worker)
    return found


def _team_figures(
    team: str,
    data: TeamData,
    leads: Sequence[Worker],
    loads: Mapping[WorkerId, WorkerLoad],
    children: Sequence[Child],
    unallocated: int | None,
) -> TeamFigures:
    settings = data.settings
    open_children = [c for c in children if not c.is_new]
    court = {c.family_id for c in open_children if c.stage.is_court}
    return TeamFigures(
        team=team,
        lead_workers=len(leads),
        lead_fte=sum(w.fte for w in leads),
        capacity=sum(loads[w.worker_id].capacity for w in leads),
        children=len(open_children),
        load=sum(loads[w.worker_id].load for w in leads),
        over_capacity=sum(loads[w.worker_id].load > loads[w.worker_id].capacity for w in leads),
        at_court_cap=sum(loads[w.worker_id].court >= court_cap(w, settings) for w in leads),
        court_families=len(court),
        new_children=sum(c.is_new for c in children),
        unallocated_last_week=unallocated,
        target_caseload=settings.target_caseload,
    )


def summed(teams: Sequence[TeamFigures], target_caseload: float) -> TeamFigures:
    """The service's figures: every count and amount summed; ratios follow from the sums."""
    unallocated = [t.unallocated_last_week for t in teams]
    return TeamFigures(
        team=SERVICE,
        lead_workers=sum(t.lead_workers for t in teams),
        lead_fte=sum(t.lead_fte for t in teams),
        capacity=sum(t.capacity for t in teams),
        children=sum(t.children for t in teams),
        load=sum(t.load for t in teams),
        over_capacity=sum(t.over_capacity for t in teams),
        at_court_cap=sum(t.at_court_cap for t in teams),
        court_families=sum(t.court_families for t in teams),
        new_children=sum(t.new_children for t in teams),
        unallocated_last_week=(
            None if any(u is None for u in unallocated) else sum(u or 0 for u in unallocated)
        ),
        target_caseload=target_caseload,
    )


def service_report(
    data: TeamData,
    unallocated_last_week: Mapping[str, int] | None = None,
    *,
    source: str = "workbook",
) -> ServiceReport:
    """The report of every team in `data`, as the open cases stand; it allocates nothing.

    `unallocated_last_week` (team -> children) comes from a workspace's last accepted week;
    None (a workbook) leaves the figure null. A team missing from the mapping had none.
    """
    loads = worker_loads(data)
    leads = lead_workers_by_team(data)
    teams = tuple(
        _team_figures(
            team,
            data,
            leads.get(team, []),
            loads,
            children,
            None if unallocated_last_week is None else unallocated_last_week.get(team, 0),
        )
        for team, children in child_teams(data).items()
    )
    return ServiceReport(
        week=data.settings.week,
        teams=teams,
        service=summed(teams, data.settings.target_caseload),
        workers=worker_lines(data, leads, loads),
        source=source,
    )


def worker_lines(
    data: TeamData, leads: Mapping[str, Sequence[Worker]], loads: Mapping[WorkerId, WorkerLoad]
) -> tuple[WorkerFigures, ...]:
    """Every lead worker of the week, team by team in roster order."""
    return tuple(
        WorkerFigures(
            team=w.team,
            worker_id=w.worker_id,
            name=w.name,
            role=w.role.value,
            fte=w.fte,
            accepting=w.accepting,
            capacity=loads[w.worker_id].capacity,
            load=loads[w.worker_id].load,
            children=loads[w.worker_id].children,
            court=loads[w.worker_id].court,
            court_cap=court_cap(w, data.settings),
        )
        for workers in leads.values()
        for w in workers
    )
