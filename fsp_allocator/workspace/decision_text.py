"""A decision on record in plain words, for `workspace history` and the app's History view.

A weekly allocation reads "allocated to B"; a rebalance's move "moved from A to B" (or
"kept with A" where the manager undid the plan's move). Names come from every worker ever
on the roster (`worker_names`), so a leaver's history still reads with their name after
they leave it.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, select

from fsp_allocator.workspace import tables
from fsp_allocator.workspace.records import Decision


def worker_names(conn: Connection) -> dict[str, str]:
    """worker id -> name, for every worker on record, those who left the roster too."""
    rows = conn.execute(select(tables.workers.c.worker_id, tables.workers.c.name))
    return {str(row.worker_id): str(row.name) for row in rows}


def _name(worker_id: str | None, names: Mapping[str, str]) -> str:
    if worker_id is None:
        return "no one"
    return names.get(worker_id, worker_id)


def what(decision: Decision, names: Mapping[str, str]) -> str:
    """What was decided: "moved from A to B", "kept with A", "allocated to B", "unallocated"."""
    if decision.kind == "move":
        was = _name(decision.from_worker_id, names)
        if decision.worker_id == decision.from_worker_id:
            return f"kept with {was}"
        return f"moved from {was} to {_name(decision.worker_id, names)}"
    if decision.worker_id is None:
        return "unallocated"
    return f"allocated to {_name(decision.worker_id, names)}"


def decision_line(decision: Decision, names: Mapping[str, str]) -> str:
    """One line of history: week, family/child, what, who, the manager's change and reasons."""
    d = decision
    line = f"{d.week} {d.family_id}/{d.child_id}: {what(d, names)} by {d.decided_by}"
    if d.worker_id != d.proposed_worker_id:
        planned = "the plan" if d.kind == "move" else "proposed"
        proposed = _name(d.proposed_worker_id, names) if d.proposed_worker_id else "no one"
        line += f" (changed by the manager; {planned}: {proposed}"
        line += f": {d.manager_reason})" if d.manager_reason else ")"
    elif d.manager_reason:
        line += f" (manager: {d.manager_reason})"
    if d.kind == "move" and d.reasons:
        line += ". Why: " + "; ".join(r.rstrip(".") for r in d.reasons)
    return line
