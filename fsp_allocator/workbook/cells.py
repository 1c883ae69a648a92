"""Cell readers for the team workbook: one function per kind of value in the spec.

Each takes the raw value of a cell (openpyxl gives str, int, float, bool, datetime or
None; a CSV gives str) and returns the typed value, or raises `ValueError` with a message
a team manager understands. The importer and the app's in-place editing share them, so a
value is judged the same way wherever it is typed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, time

from fsp_allocator.decimal_comma import decimal_point
from fsp_allocator.domain import Role, Stage
from fsp_allocator.factors import is_valid_code, normalise_code

_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_UK_SHORT_YEAR = re.compile(r"\d{1,2}/\d{1,2}/\d{2}")
_LIST_SEPARATORS = re.compile(r"[;,]")


def is_blank(value: object) -> bool:
    """Whether a cell is empty (None, or text of only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str | None:
    """A cell as trimmed text; None when blank. Whole numbers lose their `.0` (101.0 -> '101')."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_text(value: object) -> str:
    """Required text (an id, a name): trimmed; blank is an error."""
    text = cell_text(value)
    if text is None:
        raise ValueError("is blank")
    return text


def parse_yes_no(value: object) -> bool:
    """yes/no, y/n, true/false, 1/0 in any case; Excel's TRUE/FALSE too."""
    if isinstance(value, bool):
        return value
    text = (cell_text(value) or "").lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{cell_text(value) or ''}' is not yes or no; use yes or no")


def parse_date(value: object) -> date:
    """A real Excel date, ISO `YYYY-MM-DD` or UK `DD/MM/YYYY`; anything else is an error.

    A two-digit year or an impossible date (31/02/2026) is refused, never guessed.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if text is None:
        raise ValueError("is blank; give a date such as 23/11/2026")
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"'{text}' is a number, not a date; give a date such as 23/11/2026")
    if _UK_SHORT_YEAR.fullmatch(text):
        raise ValueError(f"'{text}' has a two-digit year; write the year in full, e.g. 23/11/2026")
    iso = _ISO.fullmatch(text)
    uk = _UK.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
    else:
        raise ValueError(
            f"'{text}' is not a date FSP Allocator can read; use DD/MM/YYYY or YYYY-MM-DD"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def parse_list(value: object) -> tuple[str, ...]:
    """Items separated by `;` or `,`, trimmed, blanks dropped, repeats dropped, order kept."""
    text = cell_text(value)
    if text is None:
        return ()
    items = (part.strip() for part in _LIST_SEPARATORS.split(text))
    return _unique(item for item in items if item)


def parse_number(
    value: object,
    *,
    above: float | None = None,
    at_least: float | None = None,
    at_most: float | None = None,
    whole: bool = False,
) -> float:
    """A number within the given range; a decimal comma (`0,5`) is read as a point.

    The error message states the allowed range, e.g. "must be above 0 and at most 1".
    """
    rule = _range_words(above, at_least, at_most, whole)
    text = cell_text(value)
    if text is None:
        raise ValueError(f"is blank; it {rule}")
    if isinstance(value, bool):
        raise ValueError(f"'{text}' is not a number; it {rule}")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer too large for a float (a crafted file)
            number = math.inf if value > 0 else -math.inf
    else:
        candidate = decimal_point(text)
        try:
            number = float(candidate)
        except ValueError:
            raise ValueError(f"'{text}' is not a number; it {rule}") from None
    outside = (
        not math.isfinite(number)
        or (above is not None and not number > above)
        or (at_least is not None and number < at_least)
        or (at_most is not None and number > at_most)
        or (whole and not number.is_integer())
    )
    if outside:
        raise ValueError(f"'{text}' is out of range; it {rule}")
    return number


def _range_words(
    above: float | None, at_least: float | None, at_most: float | None, whole: bool
) -> str:
    kind = "a whole number" if whole else "a number"
    limits = []
    if above is not None:
        limits.append(f"above {_fmt(above)}")
    if at_least is not None:
        limits.append(f"of {_fmt(at_least)} or more")
    if at_most is not None:
        limits.append(f"at most {_fmt(at_most)}")
    return f"must be {kind}" + (" " + " and ".join(limits) if limits else "")


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _code(value: object) -> str:
    return normalise_code(cell_text(value) or "")


def parse_role(value: object) -> Role:
    """A role code (`sw`, ` Senior ` ...) read case- and space-insensitively."""
    code = _code(value)
    if code in Role.__members__:
        return Role(code)
    roles = ", ".join(r.value for r in Role)
    raise ValueError(f"'{cell_text(value) or ''}' is not a role; use {_or_list(roles)}")


def parse_stage(value: object) -> Stage:
    """A stage code (`cp`, ` Court `...) read case- and space-insensitively."""
    code = _code(value)
    if code in Stage.__members__:
        return Stage(code)
    stages = ", ".join(s.value for s in Stage)
    raise ValueError(f"'{cell_text(value) or ''}' is not a stage; use {_or_list(stages)}")


def parse_factors(value: object) -> tuple[str, ...]:
    """CIN census factor codes (`1B;3a ;4B`), normalised; a code off the list is an error."""
    codes = tuple(normalise_code(item) for item in parse_list(value))
    wrong = [code for code in codes if not is_valid_code(code)]
    if wrong:
        quoted = ", ".join(f"'{code}'" for code in wrong)
        verb = "is not a CIN census factor code" if len(wrong) == 1 else "are not CIN census codes"
        raise ValueError(f"{quoted} {verb} (the codes run 1A to 24A; there is no 8A, 16B or 18A)")
    return _unique(codes)


def _or_list(joined: str) -> str:
    head, _, last = joined.rpartition(", ")
    return f"{head} or {last}" if head else last


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
