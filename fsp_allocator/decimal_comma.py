"""A decimal comma (`0,5`), as many spreadsheets write it, read as a point.

Shared by the workbook's cells and the settings, both of which read numbers typed by a
manager; it sits below both so neither imports the other.
"""

from __future__ import annotations

import re

_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


def decimal_point(text: str) -> str:
    """`'0,5'` -> `'0.5'`: a decimal comma, as many spreadsheets write it, read as a point."""
    return text.replace(",", ".") if _DECIMAL_COMMA.fullmatch(text) else text
