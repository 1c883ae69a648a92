"""The caps a manager's changed move goes over (rule 9: honoured, but the manager is told).

For a change made at accept (not re-optimised), the family is pinned to its new worker
and the team's instance built as for a run; the receiver's load after the whole final plan
is then judged by the same `reasons.over_caps` the result's own warnings use, so the caps
are never written a second time.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from fsp_allocator.domain import FamilyId, TeamData, WorkerId
from fsp_allocator.rebalance.builder import prepare_rebalance
from fsp_allocator.rebalance.choices import pinned
from fsp_allocator.rebalance.reasons import over_caps
from solver.rebalance.figures import plan_state


def change_warnings(
    data: TeamData,
    released: Collection[WorkerId],
    final: Mapping[FamilyId, WorkerId | None],
    changed: Mapping[FamilyId, WorkerId],
) -> tuple[str, ...]:
    """A sentence for each changed family whose new worker ends above a cap.

    `final` is every family of the plan with its final worker (None: it stays); `changed`
    the families the manager sent elsewhere, already checked against the hard rules.
    """
    if not changed:
        return ()
    preparation = prepare_rebalance(
        pinned(data, changed), released, 0, frozenset(changed), frozenset()
    )
    index = data.worker_index()
    found: list[str] = []
    for team in preparation.teams:
        assignment: dict[str, str | None] = {str(f): final.get(f) for f in team.families}
        state = plan_state(team.instance, assignment)
        workers = {w.id: w for w in team.instance.workers}
        for family_id, to in sorted(changed.items()):
            facts = team.families.get(family_id)
            if facts is None or to not in workers:
                continue
            beyond = over_caps(facts, to, state, workers, index)
            if beyond is not None:
                name = index[to].name if to in index else to
                found.append(
                    f"Family {family_id} goes to {name}, the manager's choice, over the caps: "
                    f"{beyond}"
                )
    return tuple(found)
