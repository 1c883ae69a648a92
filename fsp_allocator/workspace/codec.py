"""Domain values to table rows and back, faithfully, so load -> export -> import round-trips.

Lists and `extra` are JSON text; settings are one JSON document; the pending proposal and
the pending rebalance are JSON built from their dataclasses (decoded by their type hints,
so new fields travel too).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from types import MappingProxyType
from typing import Any

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import (
    Child,
    ChildId,
    FamilyId,
    Role,
    Settings,
    Stage,
    TeamName,
    Worker,
    WorkerId,
)
from fsp_allocator.rebalance.result import RebalanceResult


def dump_list(items: tuple[str, ...]) -> str:
    """A tuple of strings as JSON text."""
    return json.dumps(list(items))


def load_list(text: str | None) -> tuple[str, ...]:
    """JSON text back to a tuple of strings."""
    return tuple(str(x) for x in json.loads(text or "[]"))


NO_EXTRA = "{}"


def dump_extra(extra: Mapping[str, str]) -> str:
    """A record's extra columns as JSON text (keys keep their order)."""
    return json.dumps(dict(extra))


def load_extra(text: str | None) -> Mapping[str, str]:
    """JSON text back to a read-only mapping."""
    return MappingProxyType({str(k): str(v) for k, v in json.loads(text or "{}").items()})


def worker_row(worker: Worker, seq: int) -> dict[str, Any]:
    """The `workers` row of a worker."""
    return {
        "worker_id": worker.worker_id,
        "seq": seq,
        "name": worker.name,
        "role": worker.role.value,
        "fte": worker.fte,
        "team": worker.team,
        "agency": worker.agency,
        "available_from": worker.available_from,
        "available_to": worker.available_to,
        "accepting": worker.accepting,
        "court_cap": worker.court_cap,
        "capacity": worker.capacity,
        "skills": dump_list(worker.skills),
        "locality": worker.locality,
        "extra": dump_extra(worker.extra),
    }


def row_worker(row: Mapping[str, Any]) -> Worker:
    """A worker from its `workers` row."""
    return Worker(
        worker_id=WorkerId(row["worker_id"]),
        name=row["name"],
        role=Role(row["role"]),
        fte=float(row["fte"]),
        team=TeamName(row["team"]),
        agency=bool(row["agency"]),
        available_from=row["available_from"],
        available_to=row["available_to"],
        accepting=bool(row["accepting"]),
        court_cap=row["court_cap"],
        capacity=row["capacity"],
        skills=load_list(row["skills"]),
        locality=row["locality"],
        extra=load_extra(row["extra"]),
    )


def child_row(child: Child, seq: int) -> dict[str, Any]:
    """The `children` row of a child (without `closed_at` and `version`)."""
    return {
        "child_id": child.child_id,
        "seq": seq,
        "family_id": child.family_id,
        "stage": child.stage.value,
        "worker_id": child.worker_id,
        "previous_worker_id": child.previous_worker_id,
        "factors": dump_list(child.factors),
        "complexity": child.complexity,
        "referral_date": child.referral_date,
        "team": child.team,
        "locality": child.locality,
        "needs": dump_list(child.needs),
        "adult_worker_ids": dump_list(child.adult_worker_ids),
        "pin_worker_id": child.pin_worker_id,
        "exclude_worker_ids": dump_list(child.exclude_worker_ids),
        # never a child's extra columns: they may hold personal data (names, addresses)
        # that allocation does not need, so the workspace, its backups and exports hold none
        "extra": NO_EXTRA,
    }


def row_child(row: Mapping[str, Any]) -> Child:
    """A child from its `children` row."""
    return Child(
        child_id=ChildId(row["child_id"]),
        family_id=FamilyId(row["family_id"]),
        stage=Stage(row["stage"]),
        worker_id=row["worker_id"],
        previous_worker_id=row["previous_worker_id"],
        factors=load_list(row["factors"]),
        complexity=row["complexity"],
        referral_date=row["referral_date"],
        team=row["team"],
        locality=row["locality"],
        needs=load_list(row["needs"]),
        adult_worker_ids=tuple(WorkerId(w) for w in load_list(row["adult_worker_ids"])),
        pin_worker_id=row["pin_worker_id"],
        exclude_worker_ids=tuple(WorkerId(w) for w in load_list(row["exclude_worker_ids"])),
        extra=load_extra(row["extra"]),
    )


def dump_settings(settings: Settings) -> str:
    """Every setting (the week apart, stored on its own) as JSON text."""
    return json.dumps(
        {
            "target_caseload": settings.target_caseload,
            "max_load_ratio": settings.max_load_ratio,
            "court_cap": settings.court_cap,
            "asye_capacity_ratio": settings.asye_capacity_ratio,
            "atm_capacity_ratio": settings.atm_capacity_ratio,
            "sibling_discount": settings.sibling_discount,
            "adult_capacity": {r.value: v for r, v in settings.adult_capacity.items()},
            "stage_weights": {s.value: v for s, v in settings.stage_weights.items()},
            "factor_weights": dict(settings.factor_weights),
            "overflow": settings.overflow,
        },
        sort_keys=True,
    )


def load_settings(text: str, week: date) -> Settings:
    """Settings from their JSON text, for `week`."""
    raw = json.loads(text)
    return Settings(
        week=week,
        target_caseload=float(raw["target_caseload"]),
        max_load_ratio=float(raw["max_load_ratio"]),
        court_cap=int(raw["court_cap"]),
        asye_capacity_ratio=float(raw["asye_capacity_ratio"]),
        atm_capacity_ratio=float(raw["atm_capacity_ratio"]),
        sibling_discount=float(raw["sibling_discount"]),
        adult_capacity=MappingProxyType(
            {Role(k): float(v) for k, v in raw["adult_capacity"].items()}
        ),
        stage_weights=MappingProxyType(
            {Stage(k): float(v) for k, v in raw["stage_weights"].items()}
        ),
        factor_weights=MappingProxyType(
            {str(k): float(v) for k, v in raw["factor_weights"].items()}
        ),
        overflow=bool(raw.get("overflow", False)),  # absent in settings saved before it existed
    )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _typed(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    supertype = getattr(kind, "__supertype__", None)
    if supertype is not None:
        return _typed(supertype, value)
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return _typed(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        return tuple(_typed(args[0], v) for v in value)
    if origin in (dict, Mapping) or kind is dict:
        key_kind, value_kind = args if args else (str, Any)
        return {_typed(key_kind, k): _typed(value_kind, v) for k, v in value.items()}
    if isinstance(kind, type):
        if dataclasses.is_dataclass(kind):
            return _decode(kind, value)
        if kind is date:
            return date.fromisoformat(value)
        if kind is datetime:
            return datetime.fromisoformat(value)
        if issubclass(kind, Enum | float | int | str | bool):
            return kind(value)
    return value


def _decode(cls: type, raw: Mapping[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: _typed(hints[k], v) for k, v in raw.items() if k in names}
    return cls(**values)


def dump_proposal(proposal: AllocationProposal) -> str:
    """The proposal as JSON text."""
    return json.dumps(_plain(proposal))


def load_proposal(text: str) -> AllocationProposal:
    """The proposal back from its JSON text."""
    result: AllocationProposal = _decode(AllocationProposal, json.loads(text))
    return result


def dump_rebalance(result: RebalanceResult) -> str:
    """The rebalance result as JSON text (for the pending rebalance)."""
    return json.dumps(_plain(result))


def load_rebalance(text: str) -> RebalanceResult:
    """The rebalance result back from its JSON text."""
    result: RebalanceResult = _decode(RebalanceResult, json.loads(text))
    return result
