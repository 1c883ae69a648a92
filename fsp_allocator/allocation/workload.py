"""The result's workload lines: every worker before and after the week's allocation.

Kept apart from `assemble` (which needs the solver) so the app's review can rebuild the
lines after the manager's changes without loading OR-Tools at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping

from fsp_allocator.allocation.proposal import WorkloadLine
from fsp_allocator.domain import TeamData, WorkerId
from fsp_allocator.weighting import WorkerLoad, court_cap


def workload_lines(
    data: TeamData, before: Mapping[WorkerId, WorkerLoad], after: Mapping[WorkerId, WorkerLoad]
) -> tuple[WorkloadLine, ...]:
    """Every worker's line of the result: capacity, children, load and court, before and after."""
    lines = []
    for worker in data.workers:
        b, a = before[worker.worker_id], after[worker.worker_id]
        lines.append(
            WorkloadLine(
                worker_id=worker.worker_id,
                name=worker.name,
                role=worker.role,
                team=worker.team,
                capacity=b.capacity,
                children_before=b.children,
                children_after=a.children,
                load_before=b.load,
                load_after=a.load,
                court_before=b.court,
                court_after=a.court,
                court_cap=court_cap(worker, data.settings) if worker.role.leads else None,
            )
        )
    return tuple(lines)
