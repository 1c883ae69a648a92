"""The ranked alternatives as JSON: `alternatives` maps each family id to its list.

Each entry: `worker_id`, `name`, `possible`, `cost` (per aim name, the aim's value minus the
current plan's: 0 no worse, negative better; empty when not possible), `load_before` and
`load_after` (load ÷ capacity without and with the family), `rule` and `reason`, and
`current` (leads it in the plan). Possible workers first, ranked; then the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fsp_allocator.allocation.alternatives import Alternative
from fsp_allocator.domain import FamilyId

RATIO_DECIMALS = 4


def alternative_dict(a: Alternative) -> dict[str, Any]:
    """One worker of one family's list."""
    return {
        "worker_id": a.worker_id,
        "name": a.name,
        "possible": a.possible,
        "cost": dict(a.cost),
        "load_before": round(a.load_before, RATIO_DECIMALS),
        "load_after": round(a.load_after, RATIO_DECIMALS),
        "rule": a.rule,
        "reason": a.reason,
        "current": a.current,
    }


def alternatives_dict(
    lists: Mapping[FamilyId, tuple[Alternative, ...]],
) -> dict[str, list[dict[str, Any]]]:
    """family id -> its ranked list, as JSON objects."""
    return {family_id: [alternative_dict(a) for a in ranked] for family_id, ranked in lists.items()}
