"""The reasons for each decision, in sentences a manager can repeat to a family or a judge.

Recomputed from the assignment and the loads, never read from the solver's helper
variables: what is said is what the figures show. Workers are named; children never are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fsp_allocator.allocation.instance_builder import OPEN_FAMILY, PIN, FamilyPlan
from fsp_allocator.allocation.rule_facts import worker_facts
from fsp_allocator.domain import ROLE_LABELS, Role, Settings, Worker, WorkerId
from fsp_allocator.weighting import WorkerLoad
from solver.rules import CAP_RULES, family_demand, first_block
from solver.rules import court_cap as court_cap_rule
from solver.rules import load_ceiling as load_ceiling_rule

# The solver's rule names (solver/rules/) where a reason corresponds to one.
RULE_COURT_CAP = court_cap_rule.NAME
RULE_LOAD_CEILING = load_ceiling_rule.NAME


def percent(ratio: float) -> str:
    """A load ratio as a whole percentage: 0.915 -> '92%'."""
    return f"{ratio * 100:.0f}%"


def load_sentence(name: str, before: WorkerLoad, after: WorkerLoad) -> str:
    """`Sam Lee's load goes from 80% to 92% of capacity (12.0 → 13.8 of 15.0 units).`"""
    return (
        f"{name}'s load goes from {percent(before.ratio)} to {percent(after.ratio)} of capacity "
        f"({before.load:.1f} → {after.load:.1f} of {before.capacity:.1f} units)."
    )


def court_sentence(after: WorkerLoad, cap: int, family_is_court: bool) -> str:
    """`Court load rises to 3 of 3.` or `Court load stays at 2 of 3.`"""
    if family_is_court:
        return f"Court load rises to {after.court} of {cap}."
    return f"Court load stays at {after.court} of {cap}."


@dataclass(frozen=True, slots=True)
class LoadView:
    """The figures the reasons are recomputed from: loads before and after, caps, settings."""

    index: Mapping[WorkerId, Worker]
    before: Mapping[WorkerId, WorkerLoad]
    after: Mapping[WorkerId, WorkerLoad]
    caps: Mapping[WorkerId, int]
    settings: Settings

    def block_before(self, plan: FamilyPlan, worker_id: WorkerId) -> tuple[str, str] | None:
        """The cap that stopped the worker taking the family at the start of the week."""
        b = self.before[worker_id]
        return cap_block(self.index[worker_id], plan, b, self.caps[worker_id], self.settings)

    def block_after(self, plan: FamilyPlan, worker_id: WorkerId) -> tuple[str, str] | None:
        """The cap that stops the worker taking the family on top of the week's plan."""
        return cap_block(
            self.index[worker_id],
            plan,
            self.after[worker_id],
            self.caps[worker_id],
            self.settings,
            self.before[worker_id].court,
        )


def _choice_sentence(plan: FamilyPlan, worker: Worker, view: LoadView) -> str:
    """Why this worker among the eligible: the only one with room, the most room, or balance."""
    wid, name = worker.worker_id, worker.name
    open_to = [
        WorkerId(w) for w in plan.unit.eligible if view.block_before(plan, WorkerId(w)) is None
    ]
    if open_to == [wid]:
        return f"{name} was the only eligible worker with room for this family."
    rooms = {w: view.before[w].capacity - view.before[w].load for w in open_to or [wid]}
    if rooms.get(wid, float("-inf")) >= max(rooms.values()):
        return f"Among the eligible workers, {name} had the most room."
    if all(view.block_after(plan, w) is not None for w in open_to if w != wid):
        return (
            f"Once the other families were placed, {name} was the only eligible worker "
            "with room left for this family."
        )
    return (
        f"Placed with {name} to keep the team's loads as even as possible "
        "once every family is placed."
    )


def _known_worker_sentence(plan: FamilyPlan, view: LoadView) -> str:
    """Why the worker who knew the family did not get it."""
    known = WorkerId(plan.unit.previous_worker or "")
    name = view.index[known].name
    block = view.block_after(plan, known)
    if block is not None:
        return f"{name}, who knows the family, could not take it. {block[1]}"
    return (
        f"{name}, who knows the family, had room; the engine placed it elsewhere for the "
        f'team\'s aims as a whole ("Why not?" shows what keeping it with {name} would cost).'
    )


def _match_sentences(plan: FamilyPlan, worker: Worker) -> list[str]:
    needs = {n.strip().casefold(): n.strip() for c in plan.family.new_children for n in c.needs}
    skills = {s.strip().casefold() for s in worker.skills}
    met = [label for key, label in sorted(needs.items()) if key in skills]
    sentences = []
    if met:
        sentences.append(f"{worker.name} has the skills the family needs: {', '.join(met)}.")
    localities = {c.locality.strip().casefold() for c in plan.family.new_children if c.locality}
    if worker.locality and worker.locality.strip().casefold() in localities:
        sentences.append(f"{worker.name} works in the family's locality ({worker.locality}).")
    return sentences


def lead_reasons(plan: FamilyPlan, worker: Worker, view: LoadView) -> list[str]:
    """Why the family goes to `worker`: the deciding reason first, then load and court."""
    name, wid = worker.name, worker.worker_id
    sentences: list[str] = []
    if plan.unit.fixed_worker == wid and plan.fixed_kind == PIN:
        sentences.append(f"Pinned to {name} by the manager.")
    elif plan.unit.fixed_worker == wid and plan.fixed_kind == OPEN_FAMILY:
        sentences.append(f"Joins their siblings, already with {name}.")
    elif plan.unit.previous_worker == wid:
        sentences.append(f"Kept with {name}, who already knows this family (continuity).")
    else:
        sentences.append(_choice_sentence(plan, worker, view))
    if plan.unit.previous_worker not in (None, wid) and plan.unit.fixed_worker is None:
        sentences.append(_known_worker_sentence(plan, view))
    sentences.extend(_match_sentences(plan, worker))
    sentences.append(load_sentence(name, view.before[wid], view.after[wid]))
    sentences.append(court_sentence(view.after[wid], view.caps[wid], plan.unit.court))
    return sentences


def adult_reasons(
    plan: FamilyPlan,
    chosen: Sequence[WorkerId],
    index: Mapping[WorkerId, Worker],
    adults_after: Mapping[WorkerId, WorkerLoad],
    team_adults: Sequence[Worker],
    week_available: Mapping[WorkerId, bool],
) -> list[str]:
    """Who pairs with the family for each trio role it calls for, or why no one could."""
    sentences: list[str] = []
    for adult_id in chosen:
        adult = index[adult_id]
        label = ROLE_LABELS[adult.role].lower()
        if adult_id in plan.unit.adult_kept:
            sentences.append(f"Keeps {adult.name} ({label}), already working with the family.")
        else:
            sentences.append(f"Paired with {adult.name} ({label}).")
    covered = {index[a].role.value for a in chosen}
    for role_name in plan.unit.adult_roles:
        if role_name in covered:
            continue
        role = Role(role_name)
        label = ROLE_LABELS[role].lower()
        same = [a for a in team_adults if a.role is role]
        if not same:
            sentences.append(f"The team has no {label} to pair with the family.")
            continue
        free = [a for a in same if week_available.get(a.worker_id, False)]
        if not free:
            sentences.append(f"No {label} is available this week.")
            continue
        counts = ", ".join(
            f"{adults_after[a.worker_id].families} of {adults_after[a.worker_id].capacity:g}"
            for a in free
        )
        sentences.append(f"No {label} had room (families held: {counts}).")
    return sentences


def cap_block(
    worker: Worker,
    plan: FamilyPlan,
    after: WorkerLoad,
    cap: int,
    settings: Settings,
    court_before: int | None = None,
) -> tuple[str, str] | None:
    """The cap (the solver's rule name) that stops an eligible worker taking the family on
    top of `after`, with the sentence that says so; None when no cap stops them.

    Asks the solver's cap rules (`solver.rules.checks.CAP_RULES`), so the words and the
    model agree: rule 5 bars any new family from a worker whose court load was at the cap
    before the week (`court_before`, default `after.court`); the ceiling is in hundredths.
    """
    state = worker_facts(worker, after, cap, settings, court_before)
    block = first_block(state, family_demand(plan.unit), CAP_RULES)
    return (block[0].name, block[1]) if block is not None else None


def cap_reason(
    worker: Worker,
    plan: FamilyPlan,
    after: WorkerLoad,
    cap: int,
    settings: Settings,
    court_before: int | None = None,
) -> str | None:
    """Why an eligible worker could not take the family on top of this week's plan, or None."""
    block = cap_block(worker, plan, after, cap, settings, court_before)
    return block[1] if block else None


def unallocated_reason(
    plan: FamilyPlan,
    index: Mapping[WorkerId, Worker],
    after: Mapping[WorkerId, WorkerLoad],
    caps: Mapping[WorkerId, int],
    settings: Settings,
    before: Mapping[WorkerId, WorkerLoad] | None = None,
) -> str:
    """Why no one could take the family: each worker of a small team and what stopped them;
    for a larger team, how many were stopped by what (the figures are in "Why not?")."""
    if plan.team is None:
        return "The family's team is not known, so it cannot be placed within a team."
    lines: list[str] = []
    blocked: dict[str, int] = {}
    for wid in map(WorkerId, plan.unit.eligible):
        held = before[wid].court if before is not None else None
        block = cap_block(index[wid], plan, after[wid], caps[wid], settings, held)
        blocked[block[0] if block else ""] = blocked.get(block[0] if block else "", 0) + 1
        lines.append(
            block[1]
            if block
            else f"{index[wid].name} had room, but taking this family would have left a more "
            "urgent family unallocated."
        )
    lines.extend(plan.ineligible.values())
    if not lines:
        return f"No worker in {plan.team} can lead families."
    if len(lines) <= LISTED_WORKERS:
        return "No one could take this family. " + " ".join(lines)
    return _counted_reason(blocked, len(plan.ineligible), settings)


LISTED_WORKERS = 4  # more workers than this: counted, not listed one by one


def _counted_reason(blocked: Mapping[str, int], ineligible: int, settings: Settings) -> str:
    """`No one could take this family: 6 would go over the load ceiling (120%), 2 are at the
    court cap; 1 other may not take it. "Why not?" gives each worker's figures.`"""
    words = {
        RULE_LOAD_CEILING: f"would go over the load ceiling ({percent(settings.max_load_ratio)})",
        RULE_COURT_CAP: "at the court cap",
        "": "had room only by leaving a more urgent family unallocated",
    }
    parts = [
        f"{count} {words.get(rule, 'had no room')}"
        for rule, count in sorted(blocked.items(), key=lambda item: -item[1])
    ]
    text = "No one could take this family"
    if parts:
        text += f": of the eligible workers, {', '.join(parts)}"
    if ineligible:
        text += (
            f"{';' if parts else ':'} {ineligible} other worker(s) may not take it (not "
            "accepting, away, excluded or not qualified for it)"
        )
    return f'{text}. "Why not?" gives each worker\'s figures.'
