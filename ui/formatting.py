"""Plain-text formatting shared by the models: percentages, dates, lists, yes/no."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime


def percent(ratio: float) -> str:
    """0.934 -> '93%'."""
    return f"{ratio * 100:.0f}%"


def number(value: float | None) -> str:
    """A number without a needless '.0'; blank for None."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def day(value: date | None) -> str:
    """ISO date or blank."""
    return value.isoformat() if value is not None else ""


def moment(value: datetime | None) -> str:
    """'2026-11-23 14:05' or blank."""
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def joined(items: Iterable[str]) -> str:
    """Items joined with '; ' (the workbook's list form)."""
    return "; ".join(items)


def yes_no(flag: bool) -> str:
    """'yes' or 'no'."""
    return "yes" if flag else "no"
