"""Accept the week's allocation: the manager's final choice becomes the caseload, on record.

All in one transaction: each child is given its worker only if it is still open and
unallocated (`UPDATE ... WHERE worker_id IS NULL`, rowcount checked), so when two managers
accept the same family at once one wins and the other's whole accept is rolled back,
told which family was contested. A proposal made from a read that has since changed (its
children's versions differ from those it was built on) is refused as stale, naming the
families. Accepting again in the same week records only what changed: a child left
unallocated again, proposed the same, gets no second decision.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, select, update

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import ChildId, FamilyId, WorkerId
from fsp_allocator.workspace import tables
from fsp_allocator.workspace.audit import record
from fsp_allocator.workspace.chain import append
from fsp_allocator.workspace.codec import dump_list, load_list
from fsp_allocator.workspace.errors import (
    AcceptConflict,
    ChoiceRefused,
    OverrideReasonRequired,
    StaleProposal,
    WorkspaceError,
)
from fsp_allocator.workspace.scope import OutsideScope, Scope, in_scope
from fsp_allocator.workspace.state import read_team

Basis = Mapping[str, int]


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


def proposal_basis(conn: Connection, proposal: AllocationProposal) -> dict[str, int]:
    """The version of each of the proposal's children as the database holds it now."""
    ids = sorted(proposal_children(proposal))
    rows = conn.execute(
        select(tables.children.c.child_id, tables.children.c.version).where(
            tables.children.c.child_id.in_(ids)
        )
    )
    return {str(row.child_id): int(row.version) for row in rows}


def stale_families(
    conn: Connection, proposal: AllocationProposal, basis: Basis | None
) -> list[FamilyId]:
    """Families whose children changed since the proposal's read (or are no longer new)."""
    children = proposal_children(proposal)
    rows = {
        str(row.child_id): row
        for row in conn.execute(
            select(tables.children).where(tables.children.c.child_id.in_(sorted(children)))
        )
    }
    stale: dict[FamilyId, None] = {}
    for child_id, family_id in children.items():
        row = rows.get(child_id)
        if (
            row is None
            or row.closed_at is not None
            or row.worker_id is not None
            or (basis is not None and basis.get(child_id) != row.version)
        ):
            stale.setdefault(family_id, None)
    return list(stale)


def _check_scope(
    conn: Connection,
    proposal: AllocationProposal,
    final: Mapping[ChildId, WorkerId | None],
    scope: Scope,
) -> None:
    if scope is None:
        return
    homes = {
        str(row.child_id): row.home_team
        for row in conn.execute(
            select(tables.children.c.child_id, tables.children.c.home_team).where(
                tables.children.c.child_id.in_(sorted(proposal_children(proposal)))
            )
        )
    }
    outside = {str(t) for t in homes.values() if not in_scope(t, scope)}
    if outside:
        raise OutsideScope(outside, scope)
    teams = {
        str(row.worker_id): row.team
        for row in conn.execute(select(tables.workers.c.worker_id, tables.workers.c.team))
    }
    for worker_id in {w for w in final.values() if w is not None}:
        if not in_scope(teams.get(worker_id), scope):
            raise WorkspaceError(
                f"Worker {worker_id} is not on the roster of your team(s) "
                f"({', '.join(sorted(scope))}): choose one of your own workers."
            )


def check_final(
    conn: Connection,
    proposal: AllocationProposal,
    final: Mapping[ChildId, WorkerId | None],
    override_reasons: Mapping[FamilyId, str],
    scope: Scope = None,
    basis: Basis | None = None,
) -> tuple[str, ...]:
    """Refuse unknown children or workers, changes without a reason, a stale proposal,
    anything outside the scope, and changes that break a hard rule or split a family
    (`choice_check`); returns the cap warnings (rule 9)."""
    known = proposal_children(proposal)
    strangers = [c for c in final if c not in known]
    if strangers:
        raise WorkspaceError(
            f"Child {strangers[0]} is not in the proposal being accepted: propose again."
        )
    missing = missing_reasons(proposal, final, override_reasons)
    if missing:
        raise OverrideReasonRequired(missing)
    _check_scope(conn, proposal, final, scope)
    stale = stale_families(conn, proposal, basis)
    if stale:
        raise StaleProposal(stale)
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
    from fsp_allocator.allocation import choice_check  # the engine's rules: only when accepting

    proposed = proposal.assignment()
    whole = {c: final.get(c, proposed.get(c)) for c in known}
    verdict = choice_check.check_final(read_team(conn), whole, dict(proposed))
    if not verdict.ok:
        raise ChoiceRefused(verdict.refusals)
    return tuple(str(w) for w in verdict.warnings)


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
    scope: Scope = None,
    basis: Basis | None = None,
) -> tuple[int, int]:
    """Write the allocation and the decisions; returns (allocated, left unallocated)."""
    check_final(conn, proposal, final, override_reasons, scope, basis)
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
                    home_team=team if team != row.team else row.home_team,
                    adult_worker_ids=dump_list(tuple(adults)),
                    version=tables.children.c.version + 1,
                )
            )
            if done.rowcount != 1:
                taken = conn.execute(
                    select(tables.children.c.worker_id).where(
                        tables.children.c.child_id == child_id
                    )
                ).scalar_one_or_none()
                raise AcceptConflict(family_id, taken)
            record(
                conn,
                user,
                "accept",
                "allocation",
                child_id,
                "worker_id",
                None,
                chosen,
                at,
                team=row.home_team,
            )
            if team != row.team:  # an overflow: the case now belongs to the receiving team
                record(
                    conn, user, "update", "child", child_id, "team", row.team, team, at, team=team
                )
            if tuple(adults) != load_list(row.adult_worker_ids):
                record(
                    conn,
                    user,
                    "update",
                    "child",
                    child_id,
                    "adult_worker_ids",
                    row.adult_worker_ids,
                    dump_list(tuple(adults)),
                    at,
                    team=row.home_team,
                )
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
        manager_reason = manager_reason if family_id in changed else None
        if chosen is None and _already_left(conn, proposal, child_id, proposed, manager_reason):
            continue
        append(
            conn,
            "decisions",
            {
                "week": proposal.week,
                "child_id": child_id,
                "family_id": family_id,
                "team": row.home_team,
                "worker_id": chosen,
                "proposed_worker_id": proposed,
                "decided_by": user,
                "decided_at": at,
                "reasons": json.dumps(list(reasons)),
                "manager_reason": manager_reason,
            },
        )
    return allocated, left


def _already_left(
    conn: Connection,
    proposal: AllocationProposal,
    child_id: ChildId,
    proposed: WorkerId | None,
    manager_reason: str | None,
) -> bool:
    """Whether this week's record already says the child was left unallocated, the same way."""
    table = tables.decisions
    last = conn.execute(
        select(table.c.worker_id, table.c.proposed_worker_id, table.c.manager_reason)
        .where(table.c.child_id == child_id, table.c.week == proposal.week)
        .order_by(table.c.id.desc())
        .limit(1)
    ).first()
    return (
        last is not None
        and last.worker_id is None
        and last.proposed_worker_id == proposed
        and last.manager_reason == manager_reason
    )
