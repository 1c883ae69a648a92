"""The state of one proposal review: the manager's final worker per family, beside the engine's.

Plain Python (no Qt), so the rules of review are testable on their own: siblings move
together, a family whose final worker differs from the proposal is an override (accept asks
for a reason), every choice is checked against the rules (`choice_check`: a hard rule
refuses it, a cap warns), and loads "from X% to Y%" follow the final choices.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fsp_allocator.allocation.family_facts import pin_of
from fsp_allocator.allocation.proposal import (
    AllocationProposal,
    ChildAllocation,
    UnallocatedChild,
)
from fsp_allocator.allocation.workload import workload_lines
from fsp_allocator.domain import ChildId, FamilyId, TeamData, TeamName, Worker, WorkerId
from fsp_allocator.weighting import WorkerLoad, child_weights, worker_loads

if TYPE_CHECKING:
    from fsp_allocator.allocation.alternatives import Alternative, PlanContext
    from fsp_allocator.allocation.choice_check import ChoiceCheck


@dataclass(frozen=True, slots=True)
class FamilyRow:
    """One family of the week: its new children and what the engine proposed for it."""

    family_id: FamilyId
    team: TeamName | None
    child_ids: tuple[ChildId, ...]
    weight: float
    proposed_worker_id: WorkerId | None
    reasons: tuple[str, ...]
    unallocated_reason: str | None
    home_team: TeamName | None = None  # set when the engine proposed an overflow to `team`

    @property
    def overflow(self) -> bool:
        """Whether the engine proposed a worker of another team (overflow between teams)."""
        return self.home_team is not None and self.home_team != self.team


class ProposalReview:
    """The manager's review of an `AllocationProposal` over the workspace data it came from."""

    def __init__(self, data: TeamData, proposal: AllocationProposal) -> None:
        self.data = data
        self.proposal = proposal
        self.rows = self._family_rows()
        self._index = {row.family_id: i for i, row in enumerate(self.rows)}
        self.final: dict[FamilyId, WorkerId | None] = {
            row.family_id: row.proposed_worker_id for row in self.rows
        }
        self.before = worker_loads(data)
        self.after = self._loads_after()
        self.warnings: dict[FamilyId, tuple[str, ...]] = {}  # the caps a choice goes over
        self._pins = {f.family_id: pin_of(f) for f in data.families() if f.new_children}
        self._context: PlanContext | None = None  # the plan the alternatives are measured on
        self._ranked: dict[FamilyId, tuple[Alternative, ...]] = {}

    def _family_rows(self) -> list[FamilyRow]:
        weights = child_weights(self.data.children, self.data.settings)
        grouped: dict[FamilyId, list[ChildAllocation | UnallocatedChild]] = {}
        every: list[ChildAllocation | UnallocatedChild] = [
            *self.proposal.allocations,
            *self.proposal.unallocated,
        ]
        for item in every:
            grouped.setdefault(item.family_id, []).append(item)
        rows = []
        for family_id, items in grouped.items():
            allocated = [i for i in items if isinstance(i, ChildAllocation)]
            missing = [i for i in items if isinstance(i, UnallocatedChild)]
            reasons: dict[str, None] = {}
            for item in allocated:
                reasons.update(dict.fromkeys(item.reasons))
            rows.append(
                FamilyRow(
                    family_id=family_id,
                    team=items[0].team,
                    child_ids=tuple(i.child_id for i in items),
                    weight=round(sum(weights.get(i.child_id, 0.0) for i in items), 2),
                    proposed_worker_id=allocated[0].worker_id if allocated else None,
                    reasons=tuple(reasons),
                    unallocated_reason=missing[0].reason if missing else None,
                    home_team=allocated[0].home_team if allocated else None,
                )
            )
        return rows

    def row(self, family_id: FamilyId) -> FamilyRow:
        """The row of one family."""
        return self.rows[self._index[family_id]]

    def candidates(self, family_id: FamilyId) -> list[Worker]:
        """The workers who may lead this family: lead roles of its team (any team if unknown);
        for an overflow, of its own team and of the team that took it."""
        row = self.row(family_id)
        if row.team is None:
            return [w for w in self.data.workers if w.role.leads]
        teams = {row.team, row.home_team or row.team}
        return [w for w in self.data.workers if w.role.leads and w.team in teams]

    def alternatives(self, family_id: FamilyId) -> tuple[Alternative, ...]:
        """Every worker of the family's team, ranked on the plan as it stands (the proposal
        with the final choices); kept until a choice changes the plan."""
        from fsp_allocator.allocation.alternatives import plan_context, ranked  # the engine

        found = self._ranked.get(family_id)
        if found is None:
            if self._context is None:
                self._context = plan_context(self.data, self.proposal, dict(self.final))
            found = self._ranked[family_id] = ranked(self._context, family_id)
        return found

    def adopt_alternatives(
        self, context: PlanContext, family_id: FamilyId, ranked: tuple[Alternative, ...]
    ) -> None:
        """Keep a list worked out elsewhere (the task runner) on this review's current plan."""
        self._context = self._context or context
        self._ranked[family_id] = ranked

    def has_alternatives(self, family_id: FamilyId) -> bool:
        """Whether the family's list is ready without preparing the week again."""
        return family_id in self._ranked or self._context is not None

    def pin(self, family_id: FamilyId) -> WorkerId | None:
        """The worker the manager pinned the family to (saved on its children), if any."""
        return self._pins.get(family_id)

    def check(self, family_id: FamilyId, worker_id: WorkerId | None) -> ChoiceCheck:
        """What choosing `worker_id` for the family would break, on top of the other choices."""
        from fsp_allocator.allocation.choice_check import check_choices  # loads the engine

        choices = {**self.final, family_id: worker_id}
        return check_choices(self.data, choices, frozenset({family_id}))

    def choose(self, family_id: FamilyId, worker_id: WorkerId | None) -> ChoiceCheck:
        """The manager's choice, checked first: applied unless a hard rule refuses it (the
        caps it goes over are kept in `warnings`, as a pin's are). Returns the check."""
        verdict = self.check(family_id, worker_id)
        if verdict.ok:
            self.set_worker(family_id, worker_id)
            self.warnings[family_id] = tuple(str(w) for w in verdict.warnings)
        return verdict

    def set_worker(self, family_id: FamilyId, worker_id: WorkerId | None) -> None:
        """The manager's final choice for the whole family (siblings move together), unchecked:
        `choose` is the manager's path; this one restores choices already checked."""
        self.final[family_id] = worker_id
        self.warnings.pop(family_id, None)
        self._plan_changed()

    def set_workers(self, choices: dict[FamilyId, WorkerId | None]) -> None:
        """Several final choices at once (families not in this review are ignored)."""
        for family_id, worker_id in choices.items():
            if family_id in self.final:
                self.final[family_id] = worker_id
        self._plan_changed()

    def _plan_changed(self) -> None:
        """The loads follow the final choices; the alternatives are measured again."""
        self.after = self._loads_after()
        self._context, self._ranked = None, {}

    def is_overridden(self, family_id: FamilyId) -> bool:
        """Whether the final worker differs from the engine's proposal."""
        return self.final[family_id] != self.row(family_id).proposed_worker_id

    def overridden(self) -> list[FamilyId]:
        """Families whose final worker differs from the proposal, in row order."""
        return [row.family_id for row in self.rows if self.is_overridden(row.family_id)]

    def final_by_child(self) -> dict[ChildId, WorkerId | None]:
        """The final choice per new child, as `Workspace.accept` takes it."""
        return {c: self.final[row.family_id] for row in self.rows for c in row.child_ids}

    def _loads_after(self) -> dict[WorkerId, WorkerLoad]:
        chosen = {c: w for c, w in self.final_by_child().items() if w is not None}
        adults: dict[FamilyId, list[WorkerId]] = {}
        for item in self.proposal.allocations:
            if chosen.get(item.child_id) is not None:
                adults.setdefault(item.family_id, []).extend(item.adult_worker_ids)
        return worker_loads(self.data, chosen, adults)

    def load_change(self, worker_id: WorkerId) -> tuple[float, float]:
        """The worker's load ratio before the week and after the final choices."""
        return self.before[worker_id].ratio, self.after[worker_id].ratio

    def final_proposal(self, reasons: dict[FamilyId, str] | None = None) -> AllocationProposal:
        """The proposal with the manager's choices applied: what is exported and printed."""
        reasons = reasons or {}
        names = {w.worker_id: w.name for w in self.data.workers}
        by_child = {a.child_id: a for a in self.proposal.allocations}
        weights = child_weights(self.data.children, self.data.settings)
        allocations: list[ChildAllocation] = []
        unallocated: list[UnallocatedChild] = []
        for row in self.rows:
            worker = self.final[row.family_id]
            why = reasons.get(row.family_id, "").strip()
            note: tuple[str, ...] = ()
            if self.is_overridden(row.family_id):
                was = names.get(row.proposed_worker_id or WorkerId(""), "unallocated")
                note = (f"changed by the manager (proposed: {was})" + (f": {why}" if why else ""),)
            for child_id in row.child_ids:
                if worker is None:
                    reason = row.unallocated_reason or "; ".join(note) or "left unallocated"
                    unallocated.append(UnallocatedChild(child_id, row.family_id, reason, row.team))
                    continue
                old = by_child.get(child_id)
                keep = old is not None and old.worker_id == worker
                home = row.home_team or row.team
                lead = self.data.worker(worker)
                crosses = home is not None and lead is not None and lead.team != home
                allocations.append(
                    ChildAllocation(
                        child_id=child_id,
                        family_id=row.family_id,
                        worker_id=worker,
                        adult_worker_ids=old.adult_worker_ids if old else (),
                        continuity=bool(old and keep and old.continuity),
                        weight=old.weight if old else weights.get(child_id, 0.0),
                        reasons=(old.reasons if keep and old else ()) + note,
                        team=lead.team if crosses and lead is not None else home,
                        overflow=crosses,
                        home_team=home if crosses else None,
                    )
                )
        return replace(
            self.proposal,
            allocations=tuple(allocations),
            unallocated=tuple(unallocated),
            workload=workload_lines(self.data, self.before, self.after),
        )
