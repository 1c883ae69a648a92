"""The drop-down editor of the proposal's "Final worker" column."""

from __future__ import annotations

from ui.models.table_base import Index
from ui.models.worker_choice_column import CANDIDATES_ROLE
from ui.qt import (
    QAbstractItemModel,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QWidget,
)


class WorkerChoiceDelegate(QStyledItemDelegate):
    """Edits a family's final worker with a drop-down of the model's candidates."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A combo box listing the family's possible workers (and 'leave unallocated')."""
        combo = QComboBox(parent)
        combo.setAccessibleName("Final worker")
        for worker_id, label in index.data(CANDIDATES_ROLE) or []:
            combo.addItem(label, worker_id)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Select the family's current final worker."""
        assert isinstance(editor, QComboBox)
        current = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setCurrentIndex(max(0, editor.findData(current)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Hand the chosen worker id to the model ("" = leave unallocated)."""
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)
