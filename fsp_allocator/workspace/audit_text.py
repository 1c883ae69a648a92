"""The audit log in words: names beside worker ids and readable field names.

`described(entry, names)` turns a row ('settings settings FSP Banbury weight_factor_19C') into
what a manager reads ('changed setting "Factor 19C" of FSP Banbury'); the CLI's
`history --audit` and the app's History view both use it. Children have ids only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fsp_allocator.domain import ROLE_LABELS, STAGE_LABELS, Role, Stage
from fsp_allocator.settings import OVERFLOW_INFO, SCALAR_SETTINGS
from fsp_allocator.workspace.records import AuditEntry

VERBS = {
    "insert": "added",
    "update": "changed",
    "remove": "removed",
    "delete": "removed",
    "close": "closed",
    "accept": "accepted",
    "settings": "changed",
    "restore": "restored",
    "import": "imported",
}
FIELD_LABELS = {
    "worker_id": "lead worker",
    "previous_worker_id": "previous worker",
    "adult_worker_ids": "adult practitioners",
    "pin_worker_id": "pinned to",
    "exclude_worker_ids": "excluded workers",
    "fte": "FTE",
    "family_id": "family",
    "court_cap": "court cap",
    "available_from": "available from",
    "available_to": "available until",
    "state before": "the state before was saved as",
}
WORKER_FIELDS = frozenset(
    {"worker_id", "previous_worker_id", "adult_worker_ids", "pin_worker_id", "exclude_worker_ids"}
)


def setting_label(key: str) -> str:
    """'weight_factor_19C' -> 'Factor 19C'; 'target_caseload' -> its label in Settings."""
    for info in (*SCALAR_SETTINGS, OVERFLOW_INFO):
        if info.key == key:
            return info.label
    if key.startswith("adult_capacity_") and key[len("adult_capacity_") :] in Role.__members__:
        return f"{ROLE_LABELS[Role(key[len('adult_capacity_') :])]} capacity"
    if key.startswith("weight_factor_"):
        return f"Factor {key[len('weight_factor_') :]}"
    if key.startswith("weight_") and key[len("weight_") :] in Stage.__members__:
        return f"{STAGE_LABELS[Stage(key[len('weight_') :])]} weight"
    return key.replace("_", " ")


@dataclass(frozen=True, slots=True)
class AuditText:
    """One audit row in words."""

    verb: str
    what: str
    field: str
    old: str
    new: str

    def line(self) -> str:
        """'changed worker Sam Lee (T01-W03): FTE 1.0 -> 0.8'."""
        change = f": {self.field} {self.old or '(none)'} -> {self.new or '(none)'}"
        return f"{self.verb} {self.what}" + (change if self.field else "")


def _named(value: str | None, names: Mapping[str, str]) -> str:
    if value is None:
        return ""
    parts = [p.strip() for p in value.split(",")] if "," in value else [value]
    return ", ".join(f"{names[p]} ({p})" if p in names else p for p in parts)


def _what(entry: AuditEntry, names: Mapping[str, str]) -> str:
    if entry.entity == "settings":
        whose = "the service" if entry.entity_id == "settings" else entry.entity_id
        return f"a setting of {whose}"
    if entry.entity == "worker":
        return f"worker {_named(entry.entity_id, names)}"
    if entry.entity == "allocation":
        return f"the allocation of child {entry.entity_id}"
    if entry.entity == "workspace":
        return f"the workspace from the backup {entry.entity_id}"
    return f"{entry.entity} {entry.entity_id}"


def described(entry: AuditEntry, names: Mapping[str, str]) -> AuditText:
    """The row in words; `names` maps worker ids to names."""
    field = entry.field or ""
    if entry.entity == "settings":
        label = f'"{setting_label(field)}"' if field else ""
    else:
        label = FIELD_LABELS.get(field, field.replace("_", " "))
    named = field in WORKER_FIELDS
    old = _named(entry.old, names) if named else (entry.old or "")
    new = _named(entry.new, names) if named else (entry.new or "")
    return AuditText(VERBS.get(entry.action, entry.action), _what(entry, names), label, old, new)
