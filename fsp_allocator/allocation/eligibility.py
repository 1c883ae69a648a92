"""Who may lead a family at all: hard rules 3, 4, 6, 8 and the manager's exclusions.

Each ineligible (family, worker) pair keeps a sentence a manager can read, because the
same sentences explain unallocated families and answer "why not this worker?". The caps
(rules 5 and 7) are not here: they depend on what else the worker takes this week. A
capacity of 0 is rule 7's (a ceiling of 0), so pins and open families still reach them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fsp_allocator.domain import ROLE_LABELS, Family, Role, TeamData, TeamName, Worker, WorkerId


def format_date(day: date) -> str:
    """A date as a manager writes it: `1 December 2026`."""
    return f"{day.day} {day.strftime('%B %Y')}"


def family_team(
    family: Family, data: TeamData, index: Mapping[WorkerId, Worker] | None = None
) -> TeamName | None:
    """The team whose intake this family is (rule 8).

    The new children's `team` when given; else the team of the worker leading the open
    siblings; else the workbook's team when it has only one; else None (no team known).
    """
    for child in family.new_children:
        if child.team:
            return child.team
    index = index if index is not None else data.worker_index()
    for worker_id in family.lead_worker_ids:
        lead = index.get(worker_id)
        if lead is not None:
            return lead.team
    teams = data.teams()
    return teams[0] if len(teams) == 1 else None


def excluded_ids(family: Family) -> frozenset[WorkerId]:
    """Workers any child of the family excludes (exclusions always hold)."""
    return frozenset(w for child in family.children for w in child.exclude_worker_ids)


RULE_LEAD_ROLE = "Rule 3: only social workers, seniors, ASYEs and ATMs lead"
RULE_TEAM = "Rule 8: teams are independent"
RULE_AVAILABLE = "Rule 4: available and accepting"
RULE_EXCLUDED = "Excluded by the manager"
RULE_ASYE_COURT = "Rule 6: no ASYE leads a PLO or court family"


def broken_rule(
    worker: Worker,
    family: Family,
    team: TeamName | None,
    week: date,
) -> tuple[str, str] | None:
    """The hard rule (its name) and the sentence why `worker` may not lead `family`; None
    when they may. The one place rules 3, 4, 6, 8 and exclusions are tested for a pair."""
    name = worker.name
    if not worker.role.leads:
        role = ROLE_LABELS[worker.role].lower()
        return RULE_LEAD_ROLE, f"{name} is a {role} and cannot be a lead worker."
    if team is None:
        return RULE_TEAM, "The family's team is not known, so it cannot be placed within a team."
    if worker.team != team:
        return RULE_TEAM, f"{name} works in {worker.team}, not in {team}, the family's team."
    if worker.available_from is not None and week < worker.available_from:
        when = format_date(worker.available_from)
        return RULE_AVAILABLE, f"{name} is not available until {when}."
    if worker.available_to is not None and week > worker.available_to:
        when = format_date(worker.available_to)
        return RULE_AVAILABLE, f"{name} has not been available since {when}."
    if not worker.accepting:
        return RULE_AVAILABLE, f"{name} is not accepting new cases."
    if worker.worker_id in excluded_ids(family):
        return RULE_EXCLUDED, f"{name} is excluded from this family by the manager."
    if worker.role is Role.ASYE and family.has_court_child:
        return RULE_ASYE_COURT, (
            f"{name} is newly qualified (ASYE) and cannot lead a family in PLO or court."
        )
    return None


def ineligibility(
    worker: Worker,
    family: Family,
    team: TeamName | None,
    week: date,
) -> str | None:
    """Why `worker` may not lead `family` this week, as a sentence; None when they may."""
    broken = broken_rule(worker, family, team, week)
    return broken[1] if broken else None
