"""The `validate` report: per team the workers' loads, the week's intake and every problem.

Built from an `ImportResult` (no Qt, no printing), so the command line, its `--json` and
the app can all show the same facts. `render_text` lays it out for a team manager.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fsp_allocator.domain import TeamData, TeamName, Worker
from fsp_allocator.weighting import WorkerLoad, court_cap, worker_loads
from fsp_allocator.workbook.problems import ImportResult, Problem


@dataclass(frozen=True, slots=True)
class WorkerLine:
    """One worker's line: lead workers in weighted units, adult practitioners in families."""

    worker_id: str
    name: str
    role: str
    fte: float
    capacity: float
    load: float
    load_percent: float | None
    court: int | None
    court_cap: int | None
    children: int
    families: int
    note: str


@dataclass(frozen=True, slots=True)
class TeamReport:
    """A team's roster and this week's intake."""

    team: str
    workers: tuple[WorkerLine, ...]
    open_children: int
    new_children: int
    new_families: int


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The whole report: valid when there is no error (warnings allowed)."""

    source: str
    week: str | None
    valid: bool
    teams: tuple[TeamReport, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def build_report(result: ImportResult, source: Path | str) -> ValidationReport:
    """The report of one import; teams are listed only when the data could be read."""
    data = result.data
    teams = () if data is None else tuple(_team(data, team) for team in data.teams())
    return ValidationReport(
        source=str(source),
        week=None if data is None else data.settings.week.isoformat(),
        valid=result.ok,
        teams=teams,
        errors=result.errors,
        warnings=result.warnings,
    )


def _team(data: TeamData, team: TeamName) -> TeamReport:
    loads = worker_loads(data)
    roster = [w for w in data.workers if w.team == team]
    children = [c for c in data.children if c.team == team]
    new_families = {
        f.family_id
        for f in data.families()
        if f.is_new_family and any(c.team == team for c in f.children)
    }
    return TeamReport(
        team=team,
        workers=tuple(_line(w, loads[w.worker_id], data) for w in roster),
        open_children=sum(1 for c in children if not c.is_new),
        new_children=sum(1 for c in children if c.is_new),
        new_families=len(new_families),
    )


def _line(worker: Worker, load: WorkerLoad, data: TeamData) -> WorkerLine:
    leads = worker.role.leads
    return WorkerLine(
        worker_id=worker.worker_id,
        name=worker.name,
        role=worker.role.value,
        fte=worker.fte,
        capacity=load.capacity,
        load=load.load,
        load_percent=round(load.ratio * 100, 1) if load.capacity > 0 else None,
        court=load.court if leads else None,
        court_cap=court_cap(worker, data.settings) if leads else None,
        children=load.children,
        families=load.families,
        note=_note(worker, data),
    )


def _note(worker: Worker, data: TeamData) -> str:
    notes = []
    week = data.settings.week
    if worker.available_from is not None and week < worker.available_from:
        notes.append(f"available from {worker.available_from:%d/%m/%Y}")
    if worker.available_to is not None and week > worker.available_to:
        notes.append(f"not available after {worker.available_to:%d/%m/%Y}")
    if not worker.accepting:
        notes.append("closed to new cases")
    if worker.agency:
        notes.append("agency")
    return "; ".join(notes)


def report_as_dict(report: ValidationReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (problems with severity, sheet, row, column)."""
    return {
        "source": report.source,
        "week": report.week,
        "valid": report.valid,
        "teams": [asdict(team) for team in report.teams],
        "errors": [_problem(p) for p in report.errors],
        "warnings": [_problem(p) for p in report.warnings],
    }


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "message": problem.message,
        "text": str(problem),
    }


def render_text(report: ValidationReport) -> str:
    """The report as text for a terminal: a table per team, then errors, then warnings."""
    lines = [f"Team workbook: {report.source}"]
    if report.week is not None:
        lines.append(f"Allocation week: {date.fromisoformat(report.week):%A %d %B %Y}")
    verdict = "valid" if report.valid else f"NOT valid: {_count(len(report.errors), 'error')}"
    lines.append(f"Result: {verdict}, {_count(len(report.warnings), 'warning')}")
    for team in report.teams:
        lines += ["", *_team_lines(team)]
    for title, problems in (("Errors", report.errors), ("Warnings", report.warnings)):
        if problems:
            lines += ["", f"{title} ({len(problems)}):", *(f"  - {p}" for p in problems)]
    return "\n".join(lines)


def _team_lines(team: TeamReport) -> list[str]:
    lines = [
        f"Team '{team.team}': {_count(len(team.workers), 'worker')}, "
        f"{_count(team.open_children, 'open child', 'open children')}, "
        f"{_count(team.new_children, 'new child', 'new children')} to allocate "
        f"({_count(team.new_families, 'new family', 'new families')})"
    ]
    lead = [w for w in team.workers if w.court_cap is not None]
    adult = [w for w in team.workers if w.court_cap is None and w.role in {"DA", "MH", "SM"}]
    other = [w for w in team.workers if w.court_cap is None and w not in adult]
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    if lead:
        header = ("ID", "Name", "Role", "FTE", "Capacity", "Load", "Load %", "Court", "Children")
        rows = [
            (
                w.worker_id,
                w.name,
                w.role,
                _num(w.fte),
                _num(w.capacity),
                _num(w.load),
                _percent(w.load_percent),
                f"{w.court}/{w.court_cap}",
                str(w.children),
                w.note,
            )
            for w in lead
        ]
        lines += ["  Lead workers", *_table((*header, "Note"), rows)]
    if adult:
        header = ("ID", "Name", "Role", "FTE", "Families", "Capacity", "Use %", "Note")
        rows = [
            (
                w.worker_id,
                w.name,
                w.role,
                _num(w.fte),
                str(w.families),
                _num(w.capacity),
                _percent(w.load_percent),
                w.note,
            )
            for w in adult
        ]
        lines += ["  Adult practitioners (families)", *_table(header, rows)]
    if other:
        header = ("ID", "Name", "Role", "FTE", "Children", "Note")
        rows = [(w.worker_id, w.name, w.role, _num(w.fte), str(w.children), w.note) for w in other]
        lines += ["  Other staff (never lead)", *_table(header, rows)]
    return lines


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "    " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def _num(value: float) -> str:
    return f"{value:g}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"
