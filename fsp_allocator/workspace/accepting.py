"""Accept the week's allocation: the manager's final choice becomes the caseload, on record.

All in one transaction: each child is given its worker only if it is still open and
unallocated (`UPDATE ... WHERE worker_id IS NULL`, rowcount checked), so when two managers
accept the same family at once one wins and the other's whole accept is rolled back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import ChildId, FamilyId, WorkerId
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.audit import record
from fsp_allocator.workspace.codec import dump_list, load_list
from fsp_allocator.workspace.errors import AcceptConflict, OverrideReasonRequired, WorkspaceError


def changed_families(
    proposal: AllocationProposal, final: Mapping[ChildId, WorkerId | None]
) -> list[FamilyId]:
    """Families where the manager's final choice differs from the proposal for any child."""
    proposed = proposal.assignment()
    changed: dict[FamilyId, None] = {}
    for child_id, family_id in proposal_children(proposal).items():
        if final.get(child_id, proposed.get(child_id)) != proposed.get(child_id):
            changed.setdefault(family_id, None)
    return list(changed)


def missing_reasons(
    proposal: AllocationProposal,
    final: Mapping[ChildId, WorkerId | None],
    override_reasons: Mapping[FamilyId, str],
) -> list[str]:
    """Families whose final worker differs from the proposal and that have no reason."""
    return [
        f for f in changed_families(proposal, final) if not (override_reasons.get(f) or "").strip()
    ]


def proposal_children(proposal: AllocationProposal) -> dict[ChildId, FamilyId]:
    """Every new child of the proposal with its family, allocated or not."""
    found = {a.child_id: a.family_id for a in proposal.allocations}
    found.update({u.child_id: u.family_id for u in proposal.unallocated})
    return found


def check_final(
    conn: Connection,
    proposal: AllocationProposal,
    final: Mapping[ChildId, WorkerId | None],
    override_reasons: Mapping[FamilyId, str],
) -> None:
    """Refuse unknown children or workers, and changes without a reason."""
    known = proposal_children(proposal)
    strangers = [c for c in final if c not in known]
    if strangers:
        raise WorkspaceError(
            f"Child {strangers[0]} is not in the proposal being accepted: propose again."
        )
    missing = missing_reasons(proposal, final, override_reasons)
    if missing:
        raise OverrideReasonRequired(missing)
    on_roster = {
        row.worker_id: row.role
        for row in conn.execute(
            select(tables.workers.c.worker_id, tables.workers.c.role).where(
                tables.workers.c.removed_at.is_(None)
            )
        )
    }
    for worker_id in {w for w in final.values() if w is not None}:
        if worker_id not in on_roster:
            raise WorkspaceError(f"Worker {worker_id} is not on the roster: choose another.")


def _worker_team(conn: Connection, worker_id: str) -> str | None:
    """The team of a worker on the roster (None when unknown)."""
    query = select(tables.workers.c.team).where(tables.workers.c.worker_id == worker_id)
    team: str | None = conn.execute(query).scalar_one_or_none()
    return team


def accept_in(
    conn: Connection,
    proposal: AllocationProposal,
    final: Mapping[ChildId, WorkerId | None],
    override_reasons: Mapping[FamilyId, str],
    user: str,
    at: datetime,
) -> tuple[int, int]:
    """Write the allocation and the decisions; returns (allocated, left unallocated)."""
    check_final(conn, proposal, final, override_reasons)
    by_child = {a.child_id: a for a in proposal.allocations}
    unallocated = {u.child_id: u for u in proposal.unallocated}
    changed = set(changed_families(proposal, final))
    allocated = left = 0
    for child_id, family_id in proposal_children(proposal).items():
        allocation = by_child.get(child_id)
        proposed = allocation.worker_id if allocation else None
        chosen = final.get(child_id, proposed)
        row = conn.execute(
            select(tables.children).where(tables.children.c.child_id == child_id)
        ).first()
        if row is None or row.closed_at is not None:
            raise WorkspaceError(
                f"Child {child_id} is no longer an open case in the workspace: propose again."
            )
        if chosen is not None:
            # an open case belongs to its lead worker's team (an overflow moves it there)
            team = _worker_team(conn, chosen) or row.team
            adults = list(load_list(row.adult_worker_ids))
            for adult in allocation.adult_worker_ids if allocation else ():
                if adult not in adults:
                    adults.append(adult)
            done = conn.execute(
                update(tables.children)
                .where(
                    tables.children.c.child_id == child_id,
                    tables.children.c.worker_id.is_(None),
                    tables.children.c.closed_at.is_(None),
                )
                .values(
                    worker_id=chosen,
                    team=team,
                    adult_worker_ids=dump_list(tuple(adults)),
                    version=tables.children.c.version + 1,
                )
            )
            if done.rowcount != 1:
                raise AcceptConflict(family_id)
            record(conn, user, "accept", "allocation", child_id, "worker_id", None, chosen, at)
            if team != row.team:
                record(conn, user, "update", "child", child_id, "team", row.team, team, at)
            if tuple(adults) != load_list(row.adult_worker_ids):
                record(
                    conn, user, "update", "child", child_id, "adult_worker_ids",
                    row.adult_worker_ids, dump_list(tuple(adults)), at,
                )  # fmt: skip
            allocated += 1
        else:
            left += 1
        if allocation is not None:
            reasons = allocation.reasons
        elif child_id in unallocated:
            reasons = (unallocated[child_id].reason,)
        else:
            reasons = ()
        manager_reason = (override_reasons.get(family_id) or "").strip() or None
        conn.execute(
            insert(tables.decisions).values(
                week=proposal.week,
                child_id=child_id,
                family_id=family_id,
                team=row.team,
                worker_id=chosen,
                proposed_worker_id=proposed,
                decided_by=user,
                decided_at=at,
                reasons=json.dumps(list(reasons)),
                manager_reason=manager_reason if family_id in changed else None,
            )
        )
    return allocated, left
