"""Load colours: the thresholds and colours of the Excel allocation sheet, read from the core.

`fsp_allocator.result.load_bands` owns the bands; this module is the one place the app
turns them into Qt colours, so the window and the printed sheet always agree.
"""

from __future__ import annotations

from fsp_allocator.result.load_bands import BAND_COLOURS, FULL_AT, ROOM_UP_TO, LoadBand, band
from ui.qt import QColor

__all__ = ["FULL_AT", "ROOM_UP_TO", "LoadBand", "band", "chart_colour", "load_colour"]


def load_colour(ratio: float) -> QColor:
    """The fill colour of a load ratio's band (as on the Excel sheet)."""
    return QColor(f"#{BAND_COLOURS[band(ratio)].fill}")


def text_colour(ratio: float) -> QColor:
    """The text colour of a load ratio's band (as on the Excel sheet)."""
    return QColor(f"#{BAND_COLOURS[band(ratio)].text}")


def chart_colour(ratio: float) -> QColor:
    """A stronger shade of the band's fill, readable as a bar in a chart."""
    return load_colour(ratio).darker(125)
