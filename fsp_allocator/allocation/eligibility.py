"""Who may lead a family at all: hard rules 3, 4, 6, 8 and the manager's exclusions.

The rules themselves are the solver's (`solver/rules/`, one file each); this module asks
them for the workbook's workers and families. Each ineligible (family, worker) pair keeps
a sentence a manager can read, because the same sentences explain unallocated families
and answer "why not this worker?". The caps
(rules 5 and 7) are not here: they depend on what else the worker takes this week. A
capacity of 0 is rule 7's (a ceiling of 0), so pins and open families still reach them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fsp_allocator.allocation.rule_facts import family_facts, worker_facts
from fsp_allocator.domain import Family, TeamData, TeamName, Worker, WorkerId
from solver.rules import ELIGIBILITY_RULES, first_block
from solver.rules.availability import format_date

__all__ = ["excluded_ids", "family_team", "format_date", "ineligibility"]


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


def ineligibility(
    worker: Worker,
    family: Family,
    team: TeamName | None,
    week: date,
) -> str | None:
    """Why `worker` may not lead `family` this week, as a sentence; None when they may.

    Asks the solver's eligibility rules (`solver.rules.checks.ELIGIBILITY_RULES`), the
    first that bites giving the sentence.
    """
    block = first_block(worker_facts(worker), family_facts(family, team, week), ELIGIBILITY_RULES)
    return block[1] if block is not None else None
