"""Facts about one family that the solver's aims need: referral order, the worker who
knows the family, the manager's pin, and how well a worker matches its needs (aim 4).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from fsp_allocator.domain import Family, FamilyId, Worker, WorkerId


def referral_ranks(families: list[Family], week: date) -> dict[FamilyId, int]:
    """0 for the oldest referral; ties share a rank; a missing date counts as the week."""
    oldest = {f.family_id: min((c.referral_date or week) for c in f.new_children) for f in families}
    order = sorted(set(oldest.values()))
    return {fid: order.index(day) for fid, day in oldest.items()}


def _words(items: tuple[str, ...]) -> set[str]:
    return {item.strip().casefold() for item in items if item.strip()}


def match_score(family: Family, worker: Worker) -> int:
    """Aim 4: the family's needs met by the worker's skills, plus 1 for the same locality."""
    needs = _words(tuple(n for c in family.new_children for n in c.needs))
    score = len(needs & _words(worker.skills))
    localities = _words(tuple(c.locality for c in family.new_children if c.locality))
    if worker.locality and worker.locality.strip().casefold() in localities:
        score += 1
    return score


def previous_workers(family: Family) -> tuple[WorkerId, ...]:
    """The workers already known to the family: every sibling's `previous_worker_id`,
    new children's first, each once."""
    known = (c.previous_worker_id for c in family.new_children + family.open_children)
    return tuple(dict.fromkeys(w for w in known if w))


def previous_worker(family: Family, eligible: Collection[WorkerId]) -> WorkerId | None:
    """Aim 2: the first worker known to the family who may lead it (any sibling's row)."""
    return next((w for w in previous_workers(family) if w in eligible), None)


def pin_of(family: Family) -> WorkerId | None:
    """The manager's pin for the family (the importer refuses two different pins)."""
    for child in family.children:
        if child.pin_worker_id:
            return child.pin_worker_id
    return None
