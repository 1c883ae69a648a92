"""A family's ranked list of workers as a background task: plain Python, no widgets.

Up to `INLINE_WORKERS` workers in the workspace the list is worked out on selection (a team:
~25 ms); above it (a county prepares every team: ~100 ms) the first list after a change runs
on the task runner (`ranking_task`), and the next families' lists reuse the prepared week.
The result (`RankedFor`) carries the plan it was measured on, so a list made stale by a
change while it ran is dropped rather than shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fsp_allocator.domain import FamilyId, WorkerId

if TYPE_CHECKING:
    from fsp_allocator.allocation.alternatives import Alternative, PlanContext
    from ui.review import ProposalReview

INLINE_WORKERS = 60


@dataclass(frozen=True, slots=True)
class RankedFor:
    """A list worked out on the runner, with the plan it was measured on."""

    review: ProposalReview
    plan: dict[FamilyId, WorkerId | None]
    family: FamilyId
    context: PlanContext
    ranked: tuple[Alternative, ...]

    def still_current(self, review: ProposalReview | None) -> bool:
        """Whether the list was measured on `review`'s plan as it stands now."""
        return self.review is review and dict(self.review.final) == self.plan

    def adopt(self, review: ProposalReview | None) -> bool:
        """Give the list to its review when still current (True), else drop it."""
        if not self.still_current(review):
            return False
        self.review.adopt_alternatives(self.context, self.family, self.ranked)
        return True


def ranks_inline(review: ProposalReview, family: FamilyId) -> bool:
    """Whether the family's list is ready or quick enough to work out on the UI thread."""
    return review.has_alternatives(family) or len(review.data.workers) <= INLINE_WORKERS


def ranking_task(review: ProposalReview, family: FamilyId) -> Callable[[object, object], RankedFor]:
    """The task-runner function ranking `family`'s workers on the review's plan as it is now
    (a snapshot: the manager may change the plan while it runs)."""
    from fsp_allocator.allocation.alternatives import plan_context, ranked

    data, proposal, snapshot = review.data, review.proposal, dict(review.final)

    def task(_progress: object, _cancel: object) -> RankedFor:
        context = plan_context(data, proposal, snapshot)
        return RankedFor(review, snapshot, family, context, ranked(context, family))

    return task
