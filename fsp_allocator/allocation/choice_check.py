"""Check the manager's own choices (drop-down, `--override`, pins) against the rules.

One check for the app and the command line. A choice that breaks a hard rule (3 lead role,
4 available and accepting, 6 ASYE and court, 8 own team, or an exclusion) is refused with
the rule named; one that takes a worker over the court cap (5) or the load ceiling (7) is
the manager's decision, honoured with a warning, as a pin is (rule 9). Splitting a family
(siblings with different workers, rule 2) is refused naming the siblings.

The tests themselves are not written here: eligibility's `broken_rule` (the same predicate
the engine's instance builder uses) and the reasons' `cap_block` (the caps as the solver
judges them) decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fsp_allocator.allocation.eligibility import broken_rule, family_team
from fsp_allocator.allocation.instance_builder import FamilyPlan, prepare
from fsp_allocator.allocation.reasons import RULE_COURT_CAP, RULE_LOAD_CEILING, cap_block
from fsp_allocator.domain import ChildId, Family, FamilyId, TeamData, WorkerId
from fsp_allocator.weighting import court_cap, worker_loads

RULE_SIBLINGS = "Rule 2: siblings share one lead worker"
RULE_NAMES = {
    RULE_COURT_CAP: "Rule 5: court cap",
    RULE_LOAD_CEILING: "Rule 7: load ceiling",
}


@dataclass(frozen=True, slots=True)
class RuleBreak:
    """One rule a choice breaks: the rule's name, the sentence, and whether it is refused."""

    family_id: FamilyId
    worker_id: WorkerId | None
    rule: str
    sentence: str
    refused: bool

    def __str__(self) -> str:
        return f"Family {self.family_id}: {self.sentence} ({self.rule})"


@dataclass(frozen=True, slots=True)
class ChoiceCheck:
    """What a set of choices breaks: refusals (nothing may be saved) and cap warnings."""

    refusals: tuple[RuleBreak, ...] = ()
    warnings: tuple[RuleBreak, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing is refused (warnings may remain)."""
        return not self.refusals

    def message(self) -> str:
        """Every refusal in one paragraph, for an error line or the message bar."""
        return " ".join(f"{r}." for r in self.refusals)


def _family(data: TeamData, family_id: FamilyId) -> Family | None:
    return next((f for f in data.families() if f.family_id == family_id), None)


def _open_lead_break(
    data: TeamData, family: Family, worker_id: WorkerId | None
) -> RuleBreak | None:
    """A new child of an open family goes to the family's worker when they may take it."""
    leads = family.lead_worker_ids
    if not leads or worker_id is None or worker_id in leads:
        return None
    lead = data.worker(leads[0])
    if lead is None or broken_rule(lead, family, family_team(family, data), data.settings.week):
        return None  # the family's worker cannot take them: the engine would split it too
    return RuleBreak(
        family.family_id,
        worker_id,
        RULE_SIBLINGS,
        f"the family's open children are with {lead.name}, who can take the new ones; choose "
        f"{lead.name}, or first exclude them from the family if it must have two workers",
        True,
    )


def check_choices(
    data: TeamData,
    final: Mapping[FamilyId, WorkerId | None],
    changed: frozenset[FamilyId] | None = None,
) -> ChoiceCheck:
    """Check the final worker of each family in `changed` (default: all in `final`).

    `final` holds the week's final choice for every family being decided, so the caps are
    judged on top of everything else chosen this week (the loads "after").
    """
    to_check = changed if changed is not None else frozenset(final)
    plans: dict[FamilyId, FamilyPlan] = {}
    prep = prepare(data)
    for team in prep.teams:
        plans.update(team.families)
    plans.update({fp.family.family_id: fp for fp in prep.homeless})
    refusals: list[RuleBreak] = []
    warnings: list[RuleBreak] = []
    before = worker_loads(data)
    overflow = bool(getattr(data.settings, "overflow", False))
    for family_id in sorted(to_check):
        worker_id = final.get(family_id)
        plan = plans.get(family_id)
        family = plan.family if plan is not None else _family(data, family_id)
        if family is None or worker_id is None:
            continue
        worker = data.worker(worker_id)
        if worker is None:
            refusals.append(
                RuleBreak(family_id, worker_id, "Roster", f"{worker_id} is not on the roster", True)
            )
            continue
        broken = broken_rule(worker, family, family_team(family, data), data.settings.week)
        if broken is not None:
            rule, sentence = broken
            hard = not (overflow and rule.startswith("Rule 8") and family_team(family, data))
            (refusals if hard else warnings).append(
                RuleBreak(family_id, worker_id, rule, sentence.rstrip("."), hard)
            )
            if hard:
                continue
        split = _open_lead_break(data, family, worker_id)
        if split is not None:
            refusals.append(split)
            continue
        if plan is None:
            continue
        others = {
            c.child_id: w
            for f, w in final.items()
            if w is not None and f != family_id
            for c in (plans[f].family.new_children if f in plans else ())
        }
        after = worker_loads(data, others)[worker_id]
        cap = court_cap(worker, data.settings)
        block = cap_block(worker, plan, after, cap, data.settings, before[worker_id].court)
        if block is not None:
            warnings.append(
                RuleBreak(
                    family_id,
                    worker_id,
                    RULE_NAMES.get(block[0], block[0]),
                    f"{block[1].rstrip('.')}; it is your decision, recorded as such",
                    False,
                )
            )
    return ChoiceCheck(tuple(refusals), tuple(warnings))


def family_splits(
    data: TeamData, final_by_child: Mapping[ChildId, WorkerId | None]
) -> tuple[RuleBreak, ...]:
    """Families whose new children were given different workers, naming the siblings."""
    found: list[RuleBreak] = []
    for family in data.families():
        chosen = {
            c.child_id: final_by_child[c.child_id]
            for c in family.new_children
            if c.child_id in final_by_child
        }
        if len(set(chosen.values())) > 1:
            parts = ", ".join(f"{c} to {w or 'no one'}" for c, w in sorted(chosen.items()))
            found.append(
                RuleBreak(
                    family.family_id,
                    None,
                    RULE_SIBLINGS,
                    f"its children would be split ({parts}); siblings share one worker, so "
                    f"choose one for the whole family {family.family_id}",
                    True,
                )
            )
    return tuple(found)


def check_final(
    data: TeamData,
    final_by_child: Mapping[ChildId, WorkerId | None],
    proposed_by_child: Mapping[ChildId, WorkerId | None],
) -> ChoiceCheck:
    """Check what accept would record: no split family, and every changed family's worker.

    `final_by_child` and `proposed_by_child` cover the week's new children; families where
    any child's final worker differs from the proposal are checked against the rules.
    """
    splits = family_splits(data, final_by_child)
    family_of = {c.child_id: c.family_id for c in data.new_children()}
    final: dict[FamilyId, WorkerId | None] = {}
    changed: set[FamilyId] = set()
    for child_id, worker_id in final_by_child.items():
        family_id = family_of.get(child_id)
        if family_id is None:
            continue
        final.setdefault(family_id, worker_id)
        if worker_id != proposed_by_child.get(child_id):
            changed.add(family_id)
    split_ids = {s.family_id for s in splits}
    checked = check_choices(data, final, frozenset(changed - split_ids))
    return ChoiceCheck(splits + checked.refusals, checked.warnings)
