"""The allocation result as JSON, exactly the spec's keys (`workbook.md`, Output).

Ordering is deterministic (the workbook's order of children and workers), so two runs on
the same workbook differ only in `solve_seconds`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fsp_allocator.allocation.proposal import AllocationProposal, ChildAllocation, WorkloadLine
from fsp_allocator.safe_write import atomic_path


def allocation_dict(a: ChildAllocation) -> dict[str, Any]:
    """One allocated child; an overflow to another team also says so and names that team."""
    row: dict[str, Any] = {
        "child_id": a.child_id,
        "family_id": a.family_id,
        "worker_id": a.worker_id,
        "adult_worker_ids": list(a.adult_worker_ids),
        "continuity": a.continuity,
        "weight": a.weight,
        "reasons": list(a.reasons),
    }
    if a.overflow:  # service.md: `"overflow": true` and `"team"`, the receiving team
        row["overflow"] = True
        row["team"] = a.team
        row["home_team"] = a.home_team
    return row


def result_dict(proposal: AllocationProposal) -> dict[str, Any]:
    """The result as the spec's JSON object."""
    return {
        "status": proposal.status,
        "week": proposal.week.isoformat(),
        "solve_seconds": proposal.solve_seconds,
        "objective": proposal.objective,
        "bound": proposal.bound,
        "allocations": [allocation_dict(a) for a in proposal.allocations],
        "unallocated": [
            {"child_id": u.child_id, "family_id": u.family_id, "reason": u.reason}
            for u in proposal.unallocated
        ],
        "workload": workload_dicts(proposal.workload),
        "warnings": list(proposal.warnings),
    }


def workload_dicts(workload: Sequence[WorkloadLine]) -> list[dict[str, Any]]:
    """The `workload` list of the allocation and rebalance results (before and after)."""
    return [
        {
            "worker_id": w.worker_id,
            "capacity": w.capacity,
            "children_before": w.children_before,
            "children_after": w.children_after,
            "load_before": w.load_before,
            "load_after": w.load_after,
            "court_before": w.court_before,
            "court_after": w.court_after,
        }
        for w in workload
    ]


def write_json_file(payload: dict[str, Any], path: Path) -> None:
    """Write `payload` as UTF-8 JSON, atomically (a crash never leaves half a file)."""
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    with atomic_path(Path(path)) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_json(proposal: AllocationProposal, path: Path) -> None:
    """Write the result as UTF-8 JSON, atomically (a crash never leaves half a file)."""
    write_json_file(result_dict(proposal), path)
