"""The values Annex A cells hold: case statuses, legal statuses, names and Excel errors.

Case Status is read with or without its letter (`a) Looked after child`, `Looked after
child`), ignoring case, spaces and punctuation. A legal status is read by its code at the
start of the cell (`C1`, `C1 - Interim care order`, `c1: interim care order`).
"""

from __future__ import annotations

import re

from fsp_allocator.annex_a.headers import squash
from fsp_allocator.domain import Stage

CLOSED = "closed"

# Case Status (List 6) -> stage; a closed episode is not an open case.
CASE_STATUSES: dict[str, Stage | str] = {
    "lookedafterchild": Stage.CLA,
    "childprotectionplan": Stage.CP,
    "childinneedplan": Stage.CIN,
    "openassessment": Stage.ASSESSMENT,
    "closedepisode": CLOSED,
}
CASE_STATUS_TEXTS = (
    "a) Looked after child",
    "b) Child Protection plan",
    "c) Child in need plan",
    "d) Open assessment",
    "e) Closed episode",
)
_STATUS_LETTER = re.compile(r"^\s*[a-e]\s*[).:-]\s*", re.IGNORECASE)

# The CLA census legal statuses (List 8); C1 is an interim care order: care proceedings.
LEGAL_STATUSES: dict[str, str] = {
    "C1": "Interim care order",
    "C2": "Full care order",
    "D1": "Freeing order granted",
    "E1": "Placement order granted",
    "J1": "Remanded to local authority accommodation or youth detention",
    "J2": "Placed in local authority accommodation under PACE",
    "J3": "Sentenced to a youth rehabilitation order with residence requirement",
    "L1": "Under police protection and in local authority accommodation",
    "L2": "Emergency protection order",
    "L3": "Under a child assessment order and in local authority accommodation",
    "V2": "Single period of accommodation under section 20",
    "V3": "Accommodated under an agreed series of short-term breaks",
    "V4": "Accommodated under an agreed series of short-term breaks, when agreements are recorded",
}
INTERIM_CARE_ORDER = "C1"
_LEGAL_CODE = re.compile(r"^\s*([A-Za-z]\d)(?![0-9A-Za-z])")

EXCEL_ERRORS = frozenset(
    {
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#BUSY!",
        "#CONNECT!",
    }
)

# A worker cell naming nobody: the child is a new case to allocate.
NO_WORKER = frozenset({"", "unallocated", "duty", "notallocated", "none"})

_SPACES = re.compile(r"\s+")


def is_excel_error(value: object) -> bool:
    """Whether a cell holds an Excel error value (`#N/A`, `#REF!` ...)."""
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def tidy(value: object) -> str | None:
    """A cell as text with non-breaking and repeated spaces made one space; None when blank.

    Whole numbers are written without `.0`, so an id exported as a number (`9212044`) reads
    as the text written.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACES.sub(" ", str(value).replace("\u00a0", " ")).strip()
    return text or None


def case_status(value: object) -> Stage | str:
    """The stage a Case Status gives (or `CLOSED`); ValueError when it is no Annex A value."""
    text = tidy(value) or ""
    key = squash(_STATUS_LETTER.sub("", text))
    found = CASE_STATUSES.get(key)
    if found is None:
        raise ValueError(
            f"'{text}' is not an Annex A case status; use one of " + ", ".join(CASE_STATUS_TEXTS)
        )
    return found


def legal_status(value: object) -> str:
    """The legal status code at the start of the cell; ValueError when it is none of them."""
    text = tidy(value) or ""
    match = _LEGAL_CODE.match(text)
    code = match.group(1).upper() if match else ""
    if code not in LEGAL_STATUSES:
        raise ValueError(
            f"'{text}' is not a looked-after legal status; use a code such as C1 (interim care "
            "order), C2, D1, E1, J1-J3, L1-L3 or V2-V4"
        )
    return code


def names_no_one(text: str | None) -> bool:
    """Whether an Allocated Worker cell means nobody (blank, `Unallocated`, `Duty`)."""
    return squash(text) in NO_WORKER


def name_key(text: str) -> str:
    """A person's name as names are matched: ignoring case, spaces and punctuation."""
    return squash(text)


def team_key(text: str) -> str:
    """A team's name as `--team` matches it: ignoring case and spaces."""
    return _SPACES.sub("", text.replace("\u00a0", " ")).lower()
