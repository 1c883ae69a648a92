"""The manager's own decisions in a rebalance ("change or undo one move, re-optimise the rest").

A choice `family -> worker` moves the family to that worker, written as a `pin_worker_id`
on its open rows (rule 9: the caps 5 and 7 only warn); `family -> None` keeps the family
with its current worker. The hard rules are not written here: eligibility's `broken_rule`
(3, 4, 6, 8 and the exclusions, as the engine asks them) decides, and a refusal names it
as the weekly choice check does (`allocation.choice_check.RuleBreak`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from fsp_allocator.allocation.choice_check import RULE_SIBLINGS, ChoiceCheck, RuleBreak
from fsp_allocator.allocation.eligibility import broken_rule, family_team
from fsp_allocator.domain import Family, FamilyId, TeamData, WorkerId
from fsp_allocator.rebalance.moving import holder_is_forced

Choices = Mapping[FamilyId, WorkerId | None]
RULE_RELEASED = "Released caseload"
RULE_OPEN = "Open family"


class RebalanceChoiceRefused(ValueError):
    """A manager's choice breaks a hard rule; the message names the family and the rule."""

    def __init__(self, check: ChoiceCheck) -> None:
        super().__init__(check.message())
        self.refusals: tuple[RuleBreak, ...] = check.refusals


def _refusal(
    family: Family, worker_id: WorkerId, data: TeamData, released: Collection[WorkerId]
) -> RuleBreak | None:
    fid = family.family_id
    worker = data.worker(worker_id)
    if worker is None:
        return RuleBreak(fid, worker_id, "Roster", f"{worker_id} is not on the roster", True)
    broken = broken_rule(worker, family, family_team(family, data), data.settings.week)
    if broken is not None:
        return RuleBreak(fid, worker_id, broken[0], broken[1].rstrip("."), True)
    if worker_id in released:
        sentence = f"{worker.name}'s caseload is released, so they take no family"
        return RuleBreak(fid, worker_id, RULE_RELEASED, sentence, True)
    index, week = data.worker_index(), data.settings.week
    leads = family.lead_worker_ids
    forced = [w for w in leads if holder_is_forced(index.get(w), released, week)]
    staying = [w for w in leads if w not in forced]
    others = {c.worker_id for c in family.open_children if c.worker_id != worker_id}
    split = (bool(staying) and worker_id not in staying) if forced else len(others) > 1
    if split:
        names = ", ".join(sorted(str(w) for w in others))
        sentence = (
            f"its open children are with {names}; a move may not split siblings, so choose "
            "the family's other lead worker or move the family from one worker at a time"
        )
        return RuleBreak(fid, worker_id, RULE_SIBLINGS, sentence, True)
    return None


def check_rebalance_choices(
    data: TeamData, choices: Choices, released: Collection[WorkerId]
) -> ChoiceCheck:
    """Every choice the hard rules refuse (the receiver's caps are not judged: rule 9)."""
    families = {f.family_id: f for f in data.families()}
    refusals: list[RuleBreak] = []
    for family_id, worker_id in sorted(choices.items()):
        family = families.get(family_id)
        if family is None or not family.open_children:
            sentence = f"there is no open family {family_id} to keep or move"
            refusals.append(RuleBreak(family_id, worker_id, RULE_OPEN, sentence, True))
            continue
        if worker_id is None or family.lead_worker_ids == (worker_id,):
            continue
        found = _refusal(family, worker_id, data, released)
        if found is not None:
            refusals.append(found)
    return ChoiceCheck(tuple(refusals))


def split_choices(
    data: TeamData, choices: Choices
) -> tuple[dict[FamilyId, WorkerId], frozenset[FamilyId]]:
    """(family -> chosen receiver, families kept): choosing a family's own single worker
    keeps it."""
    families = {f.family_id: f for f in data.families()}
    moves: dict[FamilyId, WorkerId] = {}
    kept: set[FamilyId] = set()
    for family_id, worker_id in choices.items():
        family = families.get(family_id)
        if worker_id is None or (family is not None and family.lead_worker_ids == (worker_id,)):
            kept.add(family_id)
        else:
            moves[family_id] = worker_id
    return moves, frozenset(kept)


def pinned(data: TeamData, moves: Mapping[FamilyId, WorkerId]) -> TeamData:
    """The data with each chosen family's open rows pinned to its chosen worker."""
    if not moves:
        return data
    children = tuple(
        replace(c, pin_worker_id=moves[c.family_id]) if c.family_id in moves and not c.is_new else c
        for c in data.children
    )
    return replace(data, children=children)
