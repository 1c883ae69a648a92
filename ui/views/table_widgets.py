"""Building blocks shared by the views: a sortable, searchable table over a `RowTableModel`."""

from __future__ import annotations

from ui.models.table_base import RowTableModel, SearchProxy
from ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)


def make_table(model: RowTableModel, name: str, parent: QWidget) -> tuple[QTableView, SearchProxy]:
    """A table view over `model` through a search proxy: sortable, row selection, named."""
    proxy = SearchProxy(model, parent)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicatorShown(True)
    view.horizontalHeader().setSortIndicator(-1, view.horizontalHeader().sortIndicatorOrder())
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # Tab leaves the table for the next control (arrows move between cells), so a keyboard
    # user can reach the buttons and search box; Tab in an open editor still goes cell to cell.
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    return view, proxy


def fit_columns(view: QTableView, limit: int = 320) -> None:
    """Size columns to their contents once (cheap on the visible rows), capped at `limit` px."""
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        view.resizeColumnToContents(column)
        if header.sectionSize(column) > limit:
            header.resizeSection(column, limit)


class SearchBar(QWidget):
    """'Search: [....]' that filters a `SearchProxy` as the manager types."""

    def __init__(self, proxy: SearchProxy, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Search:", self)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(f"Type to filter {what} (any column, every word)")
        self.edit.setAccessibleName(f"Search {what}")
        self.edit.setToolTip(f"Filter {what}: rows holding every word typed (Ctrl+F)")
        label.setBuddy(self.edit)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        self.extra = layout
        self.proxy = proxy
        self.edit.textChanged.connect(proxy.set_search)


def search_before_table(root: QWidget) -> None:
    """Tab from each search box straight into the table it filters, which it sits above.

    Called once the window is assembled: Qt's default order follows creation, and the views
    create their tables before the search boxes, so Tab reached the search box last.
    """
    tables = root.findChildren(QTableView)
    for bar in root.findChildren(SearchBar):
        for table in tables:
            if table.model() is bar.proxy:
                QWidget.setTabOrder(bar.edit, table)


def leave_room_for_last(view: QTableView, room: int = 240, narrowest: int = 64) -> None:
    """Narrow the widest other columns so the last one (Reasons) keeps `room` px in view."""
    header = view.horizontalHeader()
    last = header.count() - 1
    if last <= 0:
        return
    excess = header.sectionPosition(last) + room - view.viewport().width()
    while excess > 0:
        widest = max(range(last), key=header.sectionSize)
        size = header.sectionSize(widest)
        if size <= narrowest:
            return
        cut = min(excess, size - narrowest)
        header.resizeSection(widest, size - cut)
        excess -= cut
