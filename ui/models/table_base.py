"""A table model over a list of rows, described by columns; fast sorting and search.

Models only adapt data: `rowCount` is 0 for a valid parent, `data()` returns None for roles
they don't handle, and none opens a dialog. Cell texts and sort keys are computed once per
refresh, so sorting or filtering thousands of rows never calls back into Python per cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ui.qt import (
    QAbstractTableModel,
    QColor,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its header, how a row shows in it, and how it sorts."""

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    tip: str = ""
    background: Callable[[Any], QColor | None] | None = None
    right: bool = False
    cell_tip: Callable[[Any], str] | None = None  # a tooltip per cell (else the column's)


class RowTableModel(QAbstractTableModel):
    """Rows (any objects) shown through `Column`s; `key(row)` is the row's stable id."""

    def __init__(
        self, columns: Sequence[Column], key: Callable[[Any], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._key = key
        self.rows: list[Any] = []
        self._texts: list[list[str]] = []
        self._keys: list[str] = []
        self.search_texts: list[str] = []

    # --- refresh ----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show `rows`; same ids in the same order update in place (selections survive)."""
        keys = [self._key(r) for r in rows]
        same = keys == self._keys and rows
        if not same:
            self.beginResetModel()
        self.rows = list(rows)
        self._keys = keys
        self._texts = [[c.text(r) for c in self.columns] for r in self.rows]
        self.search_texts = [" ".join(t).casefold() for t in self._texts]
        if same:
            last = self.index(len(self.rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.endResetModel()

    def row_key(self, row: int) -> str:
        """The id of the row at `row`."""
        return self._keys[row]

    def row_of(self, key: str) -> int:
        """The row number of the row with id `key`, or -1."""
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    # --- the model interface -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows of the table; 0 under any item (a table has no children)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Columns of the table; 0 under any item."""
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort key, id, tooltip, colour or alignment of a cell; None otherwise."""
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._texts[row][col]
        if role == SORT_ROLE:
            column = self.columns[col]
            return column.sort(self.rows[row]) if column.sort else self._texts[row][col]
        if role == KEY_ROLE:
            return self._keys[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            column = self.columns[col]
            if column.cell_tip is not None:
                return column.cell_tip(self.rows[row]) or column.tip or None
            return column.tip or None
        if role == Qt.ItemDataRole.BackgroundRole:
            paint = self.columns[col].background
            return paint(self.rows[row]) if paint else None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[col].right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers (with their explanations as tooltips); row numbers."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].tip or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by a column's key in Python (one pass, no per-comparison callbacks)."""
        if not 0 <= column < len(self.columns) or not self.rows:
            return
        spec = self.columns[column]
        if spec.sort is not None:
            keys = [_comparable(spec.sort(r)) for r in self.rows]
        else:
            keys = [(0, t[column].casefold()) for t in self._texts]
        order_rows = sorted(
            range(len(self.rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        new_position = {old: new for new, old in enumerate(order_rows)}
        self.rows = [self.rows[i] for i in order_rows]
        self._keys = [self._keys[i] for i in order_rows]
        self._texts = [self._texts[i] for i in order_rows]
        self.search_texts = [self.search_texts[i] for i in order_rows]
        self.changePersistentIndexList(
            old_persistent,
            [self.index(new_position[i.row()], i.column()) for i in old_persistent],
        )
        self.layoutChanged.emit()


def _comparable(value: Any) -> tuple[int, Any]:
    """Sort key that puts blanks last and never compares a number with a string."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, str):
        return (1, value.casefold())
    return (0, value)


class SearchProxy(QSortFilterProxyModel):
    """Filters a `RowTableModel` on all its columns' text; sorting is the source's own.

    `set_search(text)` keeps rows containing every word; `set_predicate(fn)` adds a filter on
    the row object (e.g. a worker or stage chosen in a drop-down). Which rows pass is worked
    out once per change in Python, so Qt's per-row callback is a list lookup.
    """

    def __init__(self, source: RowTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        self._keep: list[bool] | None = None
        self.setSourceModel(source)
        for signal in (source.modelReset, source.layoutChanged, source.dataChanged):
            signal.connect(self._forget)

    def _forget(self, *_args: object) -> None:
        self._keep = None

    def _refilter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        self._keep = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        """Keep the rows whose text holds every word of `text` (any case)."""
        self._refilter(lambda: setattr(self, "_words", text.casefold().split()))

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        """Keep only the rows for which `predicate(row)` is true (None: all)."""
        self._refilter(lambda: setattr(self, "_predicate", predicate))

    def _passing(self) -> list[bool]:
        if self._keep is None or len(self._keep) != len(self._source.rows):
            words, predicate = self._words, self._predicate
            self._keep = [
                all(word in text for word in words) and (predicate is None or predicate(row))
                for text, row in zip(self._source.search_texts, self._source.rows, strict=True)
            ]
        return self._keep

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Whether the source row passes the search words and the predicate."""
        keep = self._passing()
        return source_row < len(keep) and keep[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Delegate sorting to the source (fast, Python-side), keeping the filter."""
        self._source.sort(column, order)
