"""Argument types shared by the commands: each turns a bad value into a one-line message."""

from __future__ import annotations

import argparse
from datetime import date


def week_date(text: str) -> date:
    """A `YYYY-MM-DD` date, e.g. the allocation week."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def positive_seconds(text: str) -> float:
    """A time limit in seconds, above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the time limit must be above 0 seconds")
    return value
