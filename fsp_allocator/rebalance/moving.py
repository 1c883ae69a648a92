"""Which families move: forced (their worker is released, has left, or cannot lead) and
voluntary candidates (a family that may be moved to relieve overload).

The contract's "Which families move". Only open children count; new children are left for
`allocate`. A family with new children this week is never a voluntary candidate (moving its
open children would separate it from the children `allocate` is about to place).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from fsp_allocator.allocation.eligibility import format_date
from fsp_allocator.domain import ROLE_LABELS, Child, Family, Worker, WorkerId


def released_set(workers: Collection[Worker], extra: Collection[WorkerId]) -> frozenset[WorkerId]:
    """The workers released in the workbook plus those named by `--release`."""
    return frozenset(w.worker_id for w in workers if w.release) | frozenset(extra)


def has_left(worker: Worker, week: date) -> bool:
    """`available_to` before the week."""
    return worker.available_to is not None and worker.available_to < week


def holder_is_forced(worker: Worker | None, released: Collection[WorkerId], week: date) -> bool:
    """Whether every family this worker leads must be re-homed on the week."""
    if worker is None:
        return True
    return worker.worker_id in released or has_left(worker, week) or not worker.role.leads


def why_forced(worker: Worker | None, released: Collection[WorkerId], week: date) -> str:
    """The plain sentence saying why the family moves."""
    if worker is None:
        return "Its worker is no longer on the roster."
    if not worker.role.leads:
        label = ROLE_LABELS[worker.role].lower()
        return f"{worker.name} is a {label} and cannot be a lead worker"
    if has_left(worker, week):
        assert worker.available_to is not None
        return f"{worker.name} left on {format_date(worker.available_to)}"
    if worker.available_to is not None:
        return f"{worker.name} leaves on {format_date(worker.available_to)}"
    return f"{worker.name}'s caseload is released by the manager"


def balanced(worker: Worker, released: Collection[WorkerId], week: date) -> bool:
    """Counts in the balance aim: a lead worker not released and not left."""
    return worker.role.leads and worker.worker_id not in released and not has_left(worker, week)


def moving_children(
    family: Family, index: dict[WorkerId, Worker], released: Collection[WorkerId], week: date
) -> tuple[Child, ...]:
    """The family's open children whose worker is forced to give them up."""
    return tuple(
        c
        for c in family.open_children
        if c.worker_id is not None and holder_is_forced(index.get(c.worker_id), released, week)
    )


def voluntary_candidate(
    family: Family,
    index: dict[WorkerId, Worker],
    released: Collection[WorkerId],
    week: date,
    overloaded: Collection[WorkerId],
) -> bool:
    """A family that may move to relieve overload: led by one balanced worker who is above
    capacity before the rebalance, no PLO/COURT child, no pin, no new child this week."""
    if family.new_children or family.has_court_child:
        return False
    if any(c.pin_worker_id for c in family.children):
        return False
    leads = family.lead_worker_ids
    if len(leads) != 1:
        return False
    worker = index.get(leads[0])
    return (
        worker is not None and balanced(worker, released, week) and worker.worker_id in overloaded
    )


def chosen_children(family: Family) -> tuple[Child, ...]:
    """The open children a manager's pin moves: those not already with the pinned worker."""
    pin = next((c.pin_worker_id for c in family.children if c.pin_worker_id), None)
    return tuple(c for c in family.open_children if c.worker_id != pin)


def why_chosen(index: dict[WorkerId, Worker], children: tuple[Child, ...]) -> str:
    """The plain sentence for a family that moves only because the manager chose it."""
    holder = index.get(children[0].worker_id) if children and children[0].worker_id else None
    name = holder.name if holder is not None else "its worker"
    return f"The manager chose to move this family from {name}"
