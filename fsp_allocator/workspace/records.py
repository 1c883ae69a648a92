"""What the workspace reports back: import diffs, accept results, decisions, audit, history."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ImportDiff:
    """What an import changed: ids of new, changed and removed workers and children."""

    new_workers: tuple[str, ...] = ()
    changed_workers: tuple[str, ...] = ()
    removed_workers: tuple[str, ...] = ()
    new_children: tuple[str, ...] = ()
    changed_children: tuple[str, ...] = ()
    closed_children: tuple[str, ...] = ()
    settings_changed: bool = False
    left_out_columns: tuple[str, ...] = ()  # extra Cases columns the workspace did not store

    @property
    def is_empty(self) -> bool:
        """True when the import changed nothing."""
        return not self.settings_changed and not any(
            getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("settings_changed", "left_out_columns")
        )

    def left_out_line(self) -> str | None:
        """The sentence naming the Cases columns that were not stored, and why."""
        if not self.left_out_columns:
            return None
        listed = ", ".join(self.left_out_columns)
        return (
            f"Not stored: the Cases column{'s' if len(self.left_out_columns) > 1 else ''} "
            f"{listed}. Columns FSP Allocator does not use may hold children's personal data, "
            "so the workspace keeps only what allocation needs; they stay in your own file."
        )

    def summary(self) -> str:
        """A few lines for the manager: counts, with the ids (children by id only)."""
        left_out = self.left_out_line()
        if self.is_empty:
            unchanged = "No change: the workspace already holds this workbook."
            return unchanged if left_out is None else f"{unchanged}\n{left_out}"
        lines = []
        labels = (
            ("new_workers", "Workers added"),
            ("changed_workers", "Changed workers"),
            ("removed_workers", "Workers no longer on the roster"),
            ("new_children", "Children added"),
            ("changed_children", "Changed cases"),
            ("closed_children", "Closed cases"),
        )
        for name, label in labels:
            ids: tuple[str, ...] = getattr(self, name)
            if ids:
                shown = ", ".join(ids[:12]) + (
                    f" and {len(ids) - 12} more" if len(ids) > 12 else ""
                )
                lines.append(f"{label} ({len(ids)}): {shown}")
        if self.settings_changed:
            lines.append("Settings changed.")
        if left_out is not None:
            lines.append(left_out)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class AcceptResult:
    """What an accept did: children allocated, left unallocated, and the backup taken first."""

    allocated: int
    left_unallocated: int
    backup_path: Path | None
    warnings: tuple[str, ...] = ()  # the caps the manager's choices go over (rule 9)


@dataclass(frozen=True, slots=True)
class RebalanceAccepted:
    """What accepting a rebalance did: children moved, the backup taken first, warnings."""

    moved: int
    backup_path: Path | None
    warnings: tuple[str, ...] = ()
    dropped_proposal: bool = False  # a pending weekly proposal, made before, was dropped


@dataclass(frozen=True, slots=True)
class Decision:
    """One child's decision on record: who, proposed whom, by whom, when and why."""

    week: date
    child_id: str
    family_id: str
    worker_id: str | None
    proposed_worker_id: str | None
    decided_by: str
    decided_at: datetime
    reasons: tuple[str, ...]
    manager_reason: str | None
    kind: str = "allocation"  # or "move": a rebalance moved an open child
    from_worker_id: str | None = None  # a move: the worker the child left

    @property
    def overridden(self) -> bool:
        """Whether the manager's choice differs from the engine's proposal."""
        return self.worker_id != self.proposed_worker_id


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One append-only audit row: what changed, old -> new, who and when (ids only)."""

    id: int
    at: datetime
    user: str
    action: str  # insert | update | close | delete | accept | import | settings
    entity: str  # worker | child | settings | allocation
    entity_id: str
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class LoadSnapshot:
    """One worker's load at one accept, so balance can be reviewed over the weeks."""

    week: date
    taken_at: datetime
    worker_id: str
    team: str
    capacity: float
    load: float
    court: int
    children: int
