"""Read an Annex A workbook into `TeamData` for one team (or all), with its summary.

The strongest stage wins for a child found in several lists (COURT > CLA > CP >
ASSESSMENT > CIN); the team and worker come from the list that gave it (on a tie, the
dedicated list: List 8 for CLA, List 7 for CP). Workers are matched to the roster by name;
families come from the families file. Every problem is collected; the data is given only
when there is no error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fsp_allocator.annex_a.headers import LIST_6, TEAM, WORKER
from fsp_allocator.annex_a.lists import (
    Entry,
    conflicting_statuses,
    list3_referrals,
    list6_entries,
    list7_entries,
    list8_entries,
)
from fsp_allocator.annex_a.source import read_lists, sheet_names
from fsp_allocator.annex_a.staff import StaffMatcher
from fsp_allocator.annex_a.summary import AnnexASummary
from fsp_allocator.domain import Child, ChildId, FamilyId, Stage, TeamData, TeamName
from fsp_allocator.settings import default_settings
from fsp_allocator.workbook.checks import check_team
from fsp_allocator.workbook.problems import ImportResult, Problem, Severity

ALL_TEAMS = "ALL"
STAGE_STRENGTH = {
    Stage.CIN: 1,
    Stage.ASSESSMENT: 2,
    Stage.CP: 3,
    Stage.CLA: 4,
    Stage.PLO: 4,
    Stage.COURT: 5,
}
LIST_PREFERENCE = {8: 3, 7: 2, 6: 1}
ONLY_REFERRAL = "only in List 3 (a referral, not an open case)"
OTHER_TEAM = "in another team"
NO_TEAM = "without an Allocated Team"


@dataclass(frozen=True, slots=True)
class AnnexAResult(ImportResult):
    """The team data (None when any error), every problem, and the summary (when read);
    `errors`, `warnings` and `ok` as for a team workbook."""

    summary: AnnexASummary | None = None
    teams_found: tuple[str, ...] = ()


def is_annex_a(path: Path) -> bool:
    """Whether `path` is an Annex A workbook (it has a `List 6` sheet)."""
    path = Path(path)
    if not path.is_file() or path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    names = sheet_names(path)
    return names is not None and any(LIST_6.matches(n) for n in names)


def _warning(message: str, sheet: str | None = None) -> Problem:
    return Problem(Severity.WARNING, message, sheet=sheet)


def _team_key(text: str) -> str:
    from fsp_allocator.annex_a.values import team_key

    return team_key(text)


def read_annex_a(
    path: Path,
    *,
    team: str = ALL_TEAMS,
    roster: Path | None = None,
    families: Path | None = None,
    week: date | None = None,
) -> AnnexAResult:
    """Read the Annex A workbook at `path` for `team` (`ALL`: every team)."""
    lists, problems = read_lists(Path(path))
    if LIST_6.number not in lists:
        return AnnexAResult(None, tuple(problems))
    list6 = list6_entries(lists[6], problems)
    problems += conflicting_statuses(list6)
    list7 = list7_entries(lists[7], problems) if 7 in lists else []
    list8 = list8_entries(lists[8], problems) if 8 in lists else []
    referrals = list3_referrals(lists[3], problems) if 3 in lists else {}
    entries = list6 + list7 + list8
    teams = _teams_found(entries)
    wanted = None if team.strip().upper() == ALL_TEAMS else _team_key(team)
    if wanted is not None and wanted not in teams:
        problems.append(
            Problem(
                Severity.ERROR,
                f"no child is in the team '{team}'; the teams found are: "
                + (", ".join(sorted(teams.values(), key=str.lower)) or "none"),
                lists[6].sheet,
                None,
                TEAM,
            )
        )
    roster_workers = None
    if roster is not None:
        from fsp_allocator.annex_a.inputs import read_roster

        roster_workers = read_roster(roster, problems)
    family_of: dict[str, str] = {}
    if families is not None:
        from fsp_allocator.annex_a.inputs import read_families

        family_of, family_rows = read_families(families, problems)
        known = {e.child_id for e in entries} | set(referrals)
        for child_id, row in family_rows.items():
            if child_id not in known:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        f"child {child_id} is in no list of the Annex A workbook",
                        Path(families).name,
                        row,
                        "child_id",
                    )
                )
    if any(p.severity is Severity.ERROR for p in problems):
        return AnnexAResult(None, tuple(problems), teams_found=tuple(teams.values()))
    return _build(
        entries,
        referrals,
        teams,
        wanted,
        roster_workers,
        family_of,
        families is not None,
        week,
        problems,
    )


def _teams_found(entries: Sequence[Entry]) -> dict[str, str]:
    teams: dict[str, str] = {}
    for entry in entries:
        if entry.team:
            teams.setdefault(_team_key(entry.team), entry.team)
    return teams


def _choose(entries: Sequence[Entry]) -> Entry | None:
    open_entries = [e for e in entries if e.stage is not None]
    if not open_entries:
        return None
    return max(
        open_entries,
        key=lambda e: (STAGE_STRENGTH[e.stage] if e.stage else 0, LIST_PREFERENCE[e.list_number]),
    )


def _build(
    entries: Sequence[Entry],
    referrals: dict[str, date],
    teams: dict[str, str],
    wanted: str | None,
    roster_workers: Sequence[object] | None,
    family_of: dict[str, str],
    families_given: bool,
    week: date | None,
    problems: list[Problem],
) -> AnnexAResult:
    by_child: dict[str, list[Entry]] = {}
    for entry in entries:
        by_child.setdefault(entry.child_id, []).append(entry)
    for child_id in referrals:
        by_child.setdefault(child_id, [])
    left: dict[str, int] = {}
    no_team: list[str] = []
    from_7_or_8: list[str] = []
    taken: list[tuple[Entry, str]] = []
    for child_id, found in by_child.items():
        chosen = _choose(found)
        if chosen is None:
            reason = found[0].left_because if found else ONLY_REFERRAL
            left[reason] = left.get(reason, 0) + 1
            continue
        if not chosen.team:
            no_team.append(child_id)
            left[NO_TEAM] = left.get(NO_TEAM, 0) + 1
            continue
        key = _team_key(chosen.team)
        if wanted is not None and key != wanted:
            left[OTHER_TEAM] = left.get(OTHER_TEAM, 0) + 1
            continue
        if not any(e.list_number == 6 for e in found):
            from_7_or_8.append(child_id)
        taken.append((chosen, teams[key]))
    if no_team:
        problems.append(
            _warning(
                f"{len(no_team)} open children have no Allocated Team and were left out: "
                + ", ".join(no_team)
            )
        )
    if from_7_or_8:
        problems.append(
            _warning(
                f"{len(from_7_or_8)} children are in List 7 or 8 but not in List 6; they were "
                "taken from List 7/8: " + ", ".join(from_7_or_8)
            )
        )
    chosen_teams = tuple(dict.fromkeys(t for _, t in taken)) or (
        () if wanted is None else (teams[wanted],)
    )
    staff = StaffMatcher(roster_workers, chosen_teams)  # type: ignore[arg-type]
    started = {e.child_id: e.started for e in entries if e.list_number == 6 and e.started}
    children: list[Child] = []
    without_family: list[str] = []
    for entry, team_name in taken:
        worker_id = staff.worker_for(entry.worker, team_name)
        family = family_of.get(entry.child_id)
        if family is None:
            without_family.append(entry.child_id)
        assert entry.stage is not None
        children.append(
            Child(
                child_id=ChildId(entry.child_id),
                family_id=FamilyId(family or entry.child_id),
                stage=entry.stage,
                worker_id=worker_id,
                referral_date=referrals.get(entry.child_id) or started.get(entry.child_id),
                team=TeamName(team_name),
            )
        )
    problems += staff.problems()
    if without_family:
        problems.append(
            _warning(
                f"{len(without_family)} children have no family "
                + ("in the families file" if families_given else "(no --families file given)")
                + " and are each their own family, so siblings cannot be kept together: "
                + ", ".join(without_family[:20])
                + (" …" if len(without_family) > 20 else "")
            )
        )
    settings = default_settings(week or date.today())
    data = TeamData(staff.workers(), tuple(children), settings)
    staffed = {_team_key(w.team) for w in data.workers}
    for team_name in chosen_teams:
        if _team_key(team_name) not in staffed:
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"no child of {team_name} has an Allocated Worker, and no roster names the "
                    "team's workers, so there is no one to allocate to; give --roster",
                    LIST_6.label,
                    None,
                    WORKER,
                )
            )
    if not any(p.severity is Severity.ERROR for p in problems):
        problems += check_team(data)
    by_stage = {stage: sum(1 for c in children if c.stage is stage) for stage in Stage}
    summary = AnnexASummary(
        teams=chosen_teams,
        by_stage={s: n for s, n in by_stage.items() if n},
        new_cases=sum(1 for c in children if c.worker_id is None),
        matched_workers=staff.matched_names(),
        unmatched_workers=staff.unmatched_names(),
        roster_given=roster_workers is not None,
        without_family=tuple(without_family),
        families_given=families_given,
        left=left,
        from_list_7_or_8=tuple(from_7_or_8),
    )
    errors = any(p.severity is Severity.ERROR for p in problems)
    return AnnexAResult(None if errors else data, tuple(problems), summary, tuple(teams.values()))
