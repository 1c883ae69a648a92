"""Write spreadsheet cells so that text stays text: never a formula, never an error value.

openpyxl turns any string that starts with `=` into a formula, and Excel or LibreOffice
would run it when the manager opens the file (formula injection: a family id such as
`=HYPERLINK(...)` from an imported list). Text starting with `+`, `-`, `@`, tab or carriage
return is read as a formula when a user edits the cell. `set_text` stores every string as a
plain text cell and marks the risky ones with Excel's quote prefix (the leading apostrophe),
so even an edit keeps them text. It works for normal and write-only (`WriteOnlyCell`) cells.
"""

from __future__ import annotations

from datetime import date, datetime

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING, Cell

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"

CellValue = str | int | float | bool | date | None


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (it starts with = + - @ tab CR)."""
    return text.startswith(FORMULA_TRIGGERS)


def needs_csv_guard(text: str) -> bool:
    """Whether a CSV field needs the `'` guard: it looks like a formula once leading `'`s go.

    Guarding text that already starts with `'` before a formula sign (`'=1`) too makes the
    guard reversible: `unguard_csv_field` drops exactly one `'` from what this guarded.
    """
    return looks_like_formula(text.lstrip("'"))


def guard_csv_field(text: str) -> str:
    """`=1` -> `'=1` (and `'=1` -> `''=1`), so a spreadsheet opening the CSV never runs it."""
    return f"'{text}" if needs_csv_guard(text) else text


def unguard_csv_field(text: str) -> str:
    """The text `guard_csv_field` was given: `'=1` -> `=1`; other text unchanged."""
    if text.startswith("'") and needs_csv_guard(text[1:]):
        return text[1:]
    return text


def set_text(cell: Cell, text: str) -> None:
    """Store `text` in `cell` as plain text, whatever it starts with.

    Control characters that a workbook cannot hold are dropped (tab, line feed and
    carriage return are kept).
    """
    clean = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = clean
    cell.data_type = TYPE_STRING  # overrides openpyxl's guess of formula ('f') or error ('e')
    if looks_like_formula(clean):
        cell.quotePrefix = True


def set_value(cell: Cell, value: CellValue) -> None:
    """Store a value of any workbook type: text safely, dates as real Excel dates."""
    if isinstance(value, str):
        set_text(cell, value)
        return
    cell.value = value
    if isinstance(value, date | datetime):
        cell.number_format = DATE_FORMAT
