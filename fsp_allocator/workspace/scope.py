"""Which teams a piece of work acts on: the teams named, or held by the manager.

A scope is a frozenset of team names, or None for the whole workspace (a manager's own
SQLite file, the schema owner, a head of service). Import, propose, accept, settings,
export and history all act within one scope; nothing outside it is read or changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from fsp_allocator.allocation.eligibility import family_team
from fsp_allocator.domain import ChildId, TeamData, TeamName
from fsp_allocator.workspace.errors import WorkspaceError

Scope = frozenset[str] | None
SEPARATOR = "|"
WHOLE = "*"


def scope_key(scope: Scope) -> str:
    """The scope as stored text: sorted team names joined by '|', or '*' for all teams."""
    return WHOLE if scope is None else SEPARATOR.join(sorted(scope))


def key_scope(key: str | None) -> Scope:
    """Stored scope text back to a scope."""
    if key is None or key == WHOLE:
        return None
    return frozenset(t for t in key.split(SEPARATOR) if t)


def in_scope(team: str | None, scope: Scope) -> bool:
    """Whether a row of `team` lies within `scope` (a row with no team: only the whole)."""
    return scope is None or (team is not None and team in scope)


def home_teams(data: TeamData) -> dict[ChildId, TeamName | None]:
    """Each child's home team: its family's team (rule 8), the scope its row belongs to."""
    index = data.worker_index()
    homes: dict[ChildId, TeamName | None] = {}
    for family in data.families():
        team = family_team(family, data, index)
        if team is None:
            for child in family.children:
                lead = index.get(child.worker_id) if child.worker_id else None
                team = child.team or (lead.team if lead else None)
                if team:
                    break
        for child in family.children:
            homes[child.child_id] = team
    return homes


def workbook_teams(data: TeamData) -> frozenset[str]:
    """Every team a workbook names: its roster's teams and its cases' home teams."""
    named = set(data.teams())
    named.update(t for t in home_teams(data).values() if t)
    return frozenset(named)


class OutsideScope(WorkspaceError):
    """A change names teams the manager may not change; nothing was changed."""

    def __init__(self, teams: Iterable[str], allowed: Scope) -> None:
        self.teams = tuple(sorted(teams))
        held = ", ".join(sorted(allowed)) if allowed else "none"
        super().__init__(
            f"This names team(s) {', '.join(self.teams)}, which you may not change "
            f"(your teams: {held}). Nothing was changed; import only your own team's workbook."
        )


def narrowed(allowed: Scope, named: Iterable[str] | None) -> Scope:
    """The scope for `named` teams within what is `allowed`; refuses teams outside it."""
    if named is None:
        return allowed
    wanted = frozenset(t.strip() for t in named if t.strip())
    if not wanted:
        return allowed
    if allowed is not None and not wanted <= allowed:
        raise OutsideScope(wanted - allowed, allowed)
    return wanted
