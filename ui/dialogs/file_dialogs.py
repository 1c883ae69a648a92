"""File choosers the window uses; tests replace `ask_save_path` and `ask_open_path`."""

from __future__ import annotations

from pathlib import Path

from ui.qt import QFileDialog, QWidget

EXCEL_FILTER = "Excel workbook (*.xlsx)"
IMPORT_FILTER = "Team or Annex A workbook, or CSV (*.xlsx *.csv);;All files (*)"


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, filter_: str = EXCEL_FILTER
) -> Path | None:
    """Ask where to save; None when cancelled. Adds `.xlsx` when no suffix was typed."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".xlsx")


def ask_open_path(parent: QWidget | None, title: str, filter_: str = IMPORT_FILTER) -> Path | None:
    """Ask which file to open; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filter_)
    return Path(name) if name else None
