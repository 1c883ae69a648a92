"""Allocated Worker names -> worker ids, through the roster when one is given.

Names are matched within a team (two teams may each have a Sam Lee); a roster worker with
no team matches in any team taken.

A name matches a roster `name` ignoring case, spaces and punctuation. Without a roster, and
for a name the roster lacks, the worker is made from the name: role SW, FTE 1, an id made
of the name's words (`Sam Lee` -> `sam-lee`), so next week's export gives the same id. The
roster's workers of the team(s) taken are all kept (also those holding no child: they can
take new cases); a roster without a `team` column counts as the team taken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from fsp_allocator.annex_a.values import name_key, names_no_one, team_key
from fsp_allocator.domain import Role, TeamName, Worker, WorkerId
from fsp_allocator.workbook.problems import Problem, Severity
from fsp_allocator.workbook.workers_sheet import DEFAULT_TEAM

_WORD = re.compile(r"[^0-9a-z]+")


def made_id(name: str) -> str:
    """`"Sam O'Neill"` -> `"sam-oneill"`: a worker id made from a name."""
    words = (_WORD.sub("", word.lower()) for word in name.split())
    return "-".join(w for w in words if w) or "worker"


class StaffMatcher:
    """Collects the workers of the teams taken while the children are read."""

    def __init__(self, roster: Sequence[Worker] | None, teams: Sequence[str]) -> None:
        self._roster_given = roster is not None
        self._first_team = teams[0] if teams else str(DEFAULT_TEAM)
        wanted = {team_key(t): t for t in teams}
        self._kept: dict[WorkerId, Worker] = {}
        self._by_name: dict[tuple[str | None, str], WorkerId] = {}
        self._doubles: list[str] = []
        for worker in roster or ():
            if worker.team != DEFAULT_TEAM and team_key(worker.team) not in wanted:
                continue
            team = wanted.get(team_key(worker.team))
            kept = replace(worker, team=TeamName(team)) if team else worker
            self._kept[kept.worker_id] = kept
            key = (team_key(team) if team else None, name_key(worker.name))
            if key in self._by_name:
                self._doubles.append(worker.name)
            else:
                self._by_name[key] = worker.worker_id
        self._unteamed = {w for w, k in self._kept.items() if k.team == DEFAULT_TEAM}
        self._matched: dict[str, None] = {}
        self._made: dict[str, None] = {}
        self._made_ids: set[WorkerId] = set()

    def worker_for(self, name: str | None, team: str) -> WorkerId | None:
        """The id of the worker named (None: nobody, a new case), made if not on the roster."""
        if name is None or names_no_one(name):
            return None
        key = (team_key(team), name_key(name))
        worker_id = self._by_name.get(key) or self._by_name.get((None, key[1]))
        if worker_id is None:
            worker_id = self._fresh_id(made_id(name))
            self._kept[worker_id] = Worker(worker_id, name, Role.SW, 1.0, TeamName(team))
            self._by_name[key] = worker_id
            self._made_ids.add(worker_id)
            self._made.setdefault(name, None)
        elif worker_id not in self._made_ids:
            self._matched.setdefault(self._kept[worker_id].name, None)
            if worker_id in self._unteamed:
                self._kept[worker_id] = replace(self._kept[worker_id], team=TeamName(team))
                self._unteamed.discard(worker_id)
        return worker_id

    def _fresh_id(self, base: str) -> WorkerId:
        candidate, number = base, 1
        taken = {w.lower() for w in self._kept}
        while candidate.lower() in taken:
            number += 1
            candidate = f"{base}-{number}"
        return WorkerId(candidate)

    def workers(self) -> tuple[Worker, ...]:
        """The roster's workers of the teams taken, then the workers made from names."""
        return tuple(
            replace(w, team=TeamName(self._first_team)) if w.worker_id in self._unteamed else w
            for w in self._kept.values()
        )

    def matched_names(self) -> tuple[str, ...]:
        """Roster workers an Allocated Worker name matched."""
        return tuple(self._matched)

    def unmatched_names(self) -> tuple[str, ...]:
        """Allocated Worker names made into workers (not on the roster, or no roster)."""
        return tuple(self._made)

    def problems(self) -> list[Problem]:
        """Warnings: names the roster lacks, and roster names given twice."""
        found = []
        if self._roster_given and self._made:
            found.append(
                Problem(
                    Severity.WARNING,
                    f"{len(self._made)} Allocated Worker names match no one on the roster and were "
                    "added as social workers at FTE 1 (check them): " + ", ".join(self._made),
                )
            )
        if not self._roster_given and self._made:
            found.append(
                Problem(
                    Severity.WARNING,
                    f"no roster given: {len(self._made)} workers were made from the Allocated "
                    "Worker names as social workers (SW) at FTE 1; check their roles and FTE",
                )
            )
        for name in self._doubles:
            found.append(
                Problem(
                    Severity.WARNING, f"the roster has two workers named {name}; the first is used"
                )
            )
        return found
