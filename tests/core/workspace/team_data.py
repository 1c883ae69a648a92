"""Helpers for the team-scoping tests: a two-team service, one team's own workbook, and
every database row of a team as it is stored (to compare byte for byte)."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select

from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import Workspace, tables
from fsp_allocator.workspace.scope import home_teams


def one_team(data: TeamData, team: str) -> TeamData:
    """The workbook one team's manager keeps: that team's workers and cases only."""
    homes = home_teams(data)
    return TeamData(
        tuple(w for w in data.workers if w.team == team),
        tuple(c for c in data.children if homes[c.child_id] == team),
        data.settings,
    )


def changed_team_book(data: TeamData, team: str) -> TeamData:
    """One team's workbook a week on: its first open case closed, one worker's fte halved,
    one setting changed."""
    book = one_team(data, team)
    gone = next(c for c in book.children if not c.is_new)
    worker = dataclasses.replace(book.workers[0], fte=book.workers[0].fte / 2)
    return TeamData(
        (worker, *book.workers[1:]),
        tuple(c for c in book.children if c.child_id != gone.child_id),
        dataclasses.replace(book.settings, court_cap=4),
    )


def team_rows(workspace: Workspace, team: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row of one team (roster, cases, decisions, audit, history), as stored."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    columns = {
        "workers": tables.workers.c.team,
        "children": tables.children.c.home_team,
        "decisions": tables.decisions.c.team,
        "audit": tables.audit.c.team,
        "load_snapshots": tables.load_snapshots.c.team,
    }
    with workspace._engine.connect() as conn:  # the test reads the raw rows
        for name, column in columns.items():
            table = tables.metadata.tables[name]
            rows = conn.execute(select(table).where(column == team).order_by(*table.primary_key))
            found[name] = [tuple(row) for row in rows]
        settings = conn.execute(
            select(tables.info).where(tables.info.c.key.like(f"%:{team}"))
        ).all()
        found["settings"] = [tuple(row) for row in settings]
    return found
