"""The Settings view's model: every setting with its value, label and explanation.

Values are edited in place and checked by the core's `apply_overrides`, exactly as a
workbook's Settings sheet is; a refused value is reported as a sentence (`edit_rejected`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fsp_allocator.domain import ROLE_LABELS, STAGE_LABELS, Role, Settings, Stage
from fsp_allocator.factors import describe, is_valid_code
from fsp_allocator.settings import (
    OVERFLOW_INFO,
    SCALAR_SETTINGS,
    apply_overrides,
    default_settings,
    settings_rows,
)
from fsp_allocator.workbook.cells import parse_date
from ui.models.setting_reasons import default_reasons
from ui.models.table_base import Column, Index, RowTableModel
from ui.qt import QColor, QObject, Qt, Signal


@dataclass(frozen=True, slots=True)
class SettingRow:
    """One setting: key, label, current value, default and what it means."""

    key: str
    label: str
    value: str
    default: str
    explanation: str


def describe_key(key: str) -> tuple[str, str]:
    """(label, explanation) of a settings key."""
    for info in (*SCALAR_SETTINGS, OVERFLOW_INFO):
        if info.key == key:
            return info.label, info.explanation
    if key.startswith("adult_capacity_"):
        role = Role(key[len("adult_capacity_") :])
        return (
            f"{role.value} capacity",
            f"Families per full-time {ROLE_LABELS[role].lower()}.",
        )
    if key.startswith("weight_factor_"):
        code = key[len("weight_factor_") :]
        what = describe(code) if is_valid_code(code) else code
        return f"Factor {code}", f"Added to a child's weight for {what}."
    if key.startswith("weight_"):
        stage = Stage(key[len("weight_") :])
        return (
            f"{stage.value} weight",
            f"Weight of a child at stage '{STAGE_LABELS[stage]}' (a child in need weighs 1).",
        )
    return key, ""


COLUMNS = (
    Column("Setting", lambda r: r.label),
    Column(
        "Value",
        lambda r: r.value,
        tip="Double-click to change",
        background=lambda r: QColor("#DDEBF7") if r.value != r.default else None,
    ),
    Column("Default", lambda r: r.default),
    Column("Key", lambda r: r.key, tip="The key in the workbook's Settings sheet"),
    Column(
        "What it means",
        lambda r: r.explanation,
        tip="Hover a row for the reason behind its default",
        cell_tip=lambda r: default_reasons().get(r.key, ""),
    ),
)
VALUE_COLUMN = 1


class SettingsModel(RowTableModel):
    """The workspace's allocation settings, editable through `commit(settings) -> bool`."""

    edit_rejected = Signal(str)

    def __init__(
        self, commit: Callable[[Settings], bool] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(COLUMNS, lambda r: r.key, parent)
        self._commit = commit
        self.settings: Settings | None = None

    def set_settings(self, settings: Settings) -> None:
        """Show `settings` beside the shipped defaults."""
        self.settings = settings
        defaults = dict(settings_rows(default_settings(settings.week)))
        rows = []
        for key, value in settings_rows(settings):
            label, explanation = describe_key(key)
            rows.append(SettingRow(key, label, value, defaults.get(key, value), explanation))
        self.set_rows(rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Only the value column is editable."""
        base = super().flags(index)
        if index.isValid() and index.column() == VALUE_COLUMN and self._commit is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Check the value as the Settings sheet is checked; commit or refuse with a sentence."""
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != VALUE_COLUMN
            or self._commit is None
            or self.settings is None
        ):
            return False
        row: SettingRow = self.rows[index.row()]
        if str(value).strip() == row.value:
            return False
        updated, problems = apply_overrides(self.settings, {row.key: value}, parse_date)
        if problems:
            self.edit_rejected.emit(f"{row.label}: {problems[0].message}")
            return False
        return self._commit(updated)
