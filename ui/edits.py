"""In-place edits: a typed text becomes a new domain value, or a ValueError with a sentence.

The parsing is the importer's (`fsp_allocator.workbook.cells`), so a cell edited in the app
is judged exactly as the same cell in a workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from fsp_allocator.domain import Child, Worker, WorkerId
from fsp_allocator.workbook import cells


def _optional(parse: Callable[[object], Any]) -> Callable[[object], Any]:
    def parse_or_none(value: object) -> Any:
        return None if cells.is_blank(value) else parse(value)

    return parse_or_none


def _optional_text(value: object) -> str | None:
    return cells.cell_text(value)


def _court_cap(value: object) -> int:
    return int(cells.parse_number(value, at_least=0, whole=True))


WORKER_FIELDS: dict[str, Callable[[object], Any]] = {
    "name": cells.parse_text,
    "role": cells.parse_role,
    "fte": lambda v: cells.parse_number(v, above=0, at_most=1),
    "agency": cells.parse_yes_no,
    "accepting": cells.parse_yes_no,
    "available_from": _optional(cells.parse_date),
    "available_to": _optional(cells.parse_date),
    "court_cap": _optional(_court_cap),
    "capacity": _optional(lambda v: cells.parse_number(v, at_least=0)),
    "skills": cells.parse_list,
    "locality": _optional_text,
}


def edit_worker(worker: Worker, field: str, text: object) -> Worker:
    """`worker` with `field` set from the typed `text`; ValueError says what is wrong."""
    value = WORKER_FIELDS[field](text)
    updated = replace(worker, **{field: value})
    if (
        updated.available_from is not None
        and updated.available_to is not None
        and updated.available_to < updated.available_from
    ):
        raise ValueError("'available to' is before 'available from'")
    return updated


def worker_ids(value: object) -> tuple[WorkerId, ...]:
    """A list of worker ids typed in a cell."""
    return tuple(WorkerId(item) for item in cells.parse_list(value))


def child_from_form(values: dict[str, object], base: Child | None = None) -> Child:
    """A child from the case form's fields (ids, stage, factors, dates, lists).

    Raises ValueError naming the field for the first value that cannot be used.
    """

    def field(name: str, parse: Callable[[object], Any]) -> Any:
        try:
            return parse(values.get(name, ""))
        except ValueError as exc:
            raise ValueError(f"{name.replace('_', ' ').capitalize()}: {exc}") from None

    def worker_or_none(value: object) -> WorkerId | None:
        text = cells.cell_text(value)
        return WorkerId(text) if text else None

    complexity = field("complexity", _optional(lambda v: cells.parse_number(v, above=0)))
    child = Child(
        child_id=field("child_id", cells.parse_text),
        family_id=field("family_id", cells.parse_text),
        stage=field("stage", cells.parse_stage),
        previous_worker_id=field("previous_worker_id", worker_or_none),
        factors=field("factors", cells.parse_factors),
        complexity=complexity,
        referral_date=field("referral_date", _optional(cells.parse_date)),
        team=field("team", _optional_text),
        locality=field("locality", _optional_text),
        needs=field("needs", cells.parse_list),
        pin_worker_id=field("pin_worker_id", worker_or_none),
        exclude_worker_ids=field("exclude_worker_ids", worker_ids),
    )
    if base is not None:
        child = replace(child, adult_worker_ids=base.adult_worker_ids, extra=base.extra)
    return child
