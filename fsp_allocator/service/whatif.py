"""What-if changes to the roster for a plan: `--add TEAM:ROLE:FTE` and `--remove WORKER`.

A change alters the plan only, never the workbook or workspace. An added worker brings the
capacity the workbook's definition gives their role and FTE; a removed worker takes their
capacity away while their children stay in the team's load (they must be re-homed).
Every problem with the arguments is found in one pass, each naming the argument.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from fsp_allocator.domain import LEAD_ROLES, Role, TeamData, TeamName, Worker, WorkerId
from fsp_allocator.service.figures import is_lead_worker
from fsp_allocator.weighting import capacity


@dataclass(frozen=True, slots=True)
class RosterChange:
    """One what-if change: a starter added to a team, or a worker removed."""

    kind: str  # "add" or "remove"
    team: str
    capacity: float  # the capacity the change adds (add) or takes away (remove)
    role: str
    fte: float
    worker_id: str | None = None  # the removed worker
    argument: str = ""  # as given on the command line or in the app

    def sentence(self) -> str:
        """The change in words."""
        if self.kind == "add":
            return f"add a {self.role} at {self.fte:g} FTE to {self.team} (+{self.capacity:g})"
        return f"remove {self.worker_id} from {self.team} (-{self.capacity:g})"


class WhatIfError(ValueError):
    """Bad what-if or plan arguments; `problems` names each argument and what is wrong."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def _team_lookup(data: TeamData) -> dict[str, TeamName]:
    return {team.casefold(): team for team in data.teams()}


def parse_add(text: str, data: TeamData) -> RosterChange | str:
    """`TEAM:ROLE:FTE` as a change, or the problem with it as a sentence."""
    parts = text.rsplit(":", 2)
    if len(parts) != 3:
        return f"--add {text}: give TEAM:ROLE:FTE, e.g. 'North:SW:1'"
    team_text, role_text, fte_text = (p.strip() for p in parts)
    problems = []
    team = _team_lookup(data).get(team_text.casefold())
    if team is None:
        problems.append(
            f"team '{team_text}' is not a team of the roster ({', '.join(data.teams())})"
        )
    role: Role | None = None
    try:
        role = Role(role_text.upper())
    except ValueError:
        problems.append(f"role '{role_text}' is not a role (SW, SENIOR, ASYE, ATM)")
    if role is not None and role not in LEAD_ROLES:
        problems.append(f"role {role.value} carries no caseload (give SW, SENIOR, ASYE or ATM)")
        role = None
    try:
        fte = float(fte_text.replace(",", "."))
    except ValueError:
        fte = math.nan
    if not (math.isfinite(fte) and 0 < fte <= 1):
        problems.append(f"FTE '{fte_text}' must be a number above 0 and at most 1")
    if problems or team is None or role is None:
        return f"--add {text}: " + "; ".join(problems)
    starter = Worker(WorkerId("(starter)"), "starter", role, fte, team)
    return RosterChange("add", team, capacity(starter, data.settings), role.value, fte, None, text)


def parse_remove(text: str, data: TeamData) -> RosterChange | str:
    """A worker id as a removal, or the problem with it as a sentence."""
    index = {w.worker_id.casefold(): w for w in data.workers}
    worker = index.get(text.strip().casefold())
    if worker is None:
        return f"--remove {text}: no worker has the id '{text.strip()}'"
    counted = is_lead_worker(worker, data.settings.week)
    removed = capacity(worker, data.settings) if counted else 0.0
    return RosterChange(
        "remove", worker.team, removed, worker.role.value, worker.fte, worker.worker_id, text
    )


def parse_changes(
    adds: Sequence[str], removes: Sequence[str], data: TeamData
) -> tuple[RosterChange, ...]:
    """Every change, or WhatIfError listing every bad argument (nothing half applied)."""
    changes: list[RosterChange] = []
    problems: list[str] = []
    for text in adds:
        added = parse_add(text, data)
        if isinstance(added, str):
            problems.append(added)
        else:
            changes.append(added)
    seen: set[str] = set()
    for text in removes:
        parsed = parse_remove(text, data)
        if isinstance(parsed, str):
            problems.append(parsed)
        elif parsed.worker_id in seen:
            problems.append(f"--remove {text}: {parsed.worker_id} is removed twice")
        else:
            seen.add(parsed.worker_id or "")
            changes.append(parsed)
    if problems:
        raise WhatIfError(problems)
    return tuple(changes)
