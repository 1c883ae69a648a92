"""The rebalance result as JSON, exactly the contract's keys (`rebalance.md`, Result).

Ordering is deterministic (teams, then the workbook's order of families and children), so
two runs on the same workbook differ only in `solve_seconds`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.result.json_writer import workload_dicts, write_json_file


def rebalance_dict(result: RebalanceResult) -> dict[str, Any]:
    """The result as the contract's JSON object."""
    several = len({f.team for f in result.frontier}) > 1
    return {
        "status": result.status,
        "week": result.week.isoformat(),
        "solve_seconds": result.solve_seconds,
        "moves": [
            {
                "child_id": m.child_id,
                "family_id": m.family_id,
                "from_worker_id": m.from_worker_id,
                "to_worker_id": m.to_worker_id,
                "forced": m.forced,
                "continuity": m.continuity,
                "weight": m.weight,
                "reasons": list(m.reasons),
            }
            for m in result.moves
        ],
        "unplaced": [
            {
                "child_id": u.child_id,
                "family_id": u.family_id,
                "from_worker_id": u.from_worker_id,
                "reason": u.reason,
            }
            for u in result.unplaced
        ],
        "workload": workload_dicts(result.workload),
        "frontier": [
            {
                **({"team": f.team} if several else {}),
                "moves": f.moves,
                "max_load_ratio": f.max_load_ratio,
                "over_capacity": f.over_capacity,
                "unplaced_families": f.unplaced_families,
                **({} if f.proven else {"proven": False}),
            }
            for f in result.frontier
        ],
        "warnings": list(result.warnings),
    }


def write_rebalance_json(result: RebalanceResult, path: Path) -> None:
    """Write the result as UTF-8 JSON, atomically."""
    write_json_file(rebalance_dict(result), path)
