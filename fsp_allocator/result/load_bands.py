"""Load as a share of capacity, in bands with their colours: one place for the result
workbook and the desktop app.

At or below 85% a worker has room (green); from 85% to 100% they are near full (amber);
above 100% they are over capacity (red).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LoadBand(StrEnum):
    """How full a worker is."""

    ROOM = "room"
    NEAR_FULL = "near full"
    OVER = "over capacity"


ROOM_UP_TO = 0.85  # load / capacity at or below this: room
FULL_AT = 1.0  # above this: over capacity


@dataclass(frozen=True, slots=True)
class BandColour:
    """Fill and text colours of a band, as RGB hex without `#` (Excel's form)."""

    fill: str
    text: str


BAND_COLOURS: dict[LoadBand, BandColour] = {
    LoadBand.ROOM: BandColour(fill="C6EFCE", text="006100"),
    LoadBand.NEAR_FULL: BandColour(fill="FFEB9C", text="9C5700"),
    LoadBand.OVER: BandColour(fill="FFC7CE", text="9C0006"),
}


def band(ratio: float) -> LoadBand:
    """The band of a load / capacity ratio."""
    if ratio <= ROOM_UP_TO:
        return LoadBand.ROOM
    if ratio <= FULL_AT:
        return LoadBand.NEAR_FULL
    return LoadBand.OVER
