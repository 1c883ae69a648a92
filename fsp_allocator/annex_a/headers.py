"""The Annex A lists and columns FSP Allocator reads, and how their names are matched.

Sheet and column names are compared ignoring case, spaces and punctuation, so `List 6`,
`list6` and `List 6 - Children in need` are one list, and `Child's Legal Status` matches
`Childs legal status`. Only the columns named here are ever taken from a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

CHILD_ID = "Child Unique ID"
CASE_STATUS = "Case Status"
TEAM = "Allocated Team"
WORKER = "Allocated Worker"
CIN_START = "CIN Start Date"
PLAN_END = "Child Protection Plan End Date"
LEGAL_STATUS = "Child's Legal Status"
CEASED = "Date Ceased to be Looked After"
REFERRAL = "Date of referral"


def squash(text: object) -> str:
    """`"Child's Legal-Status "` -> `"childslegalstatus"`: the form names are compared in."""
    return _NOT_ALNUM.sub("", ("" if text is None else str(text)).lower())


@dataclass(frozen=True, slots=True)
class ListSpec:
    """One Annex A list: its number, a short description, and the columns read from it."""

    number: int
    description: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """`List 6`."""
        return f"List {self.number}"

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column read from this list."""
        return self.required + self.optional

    def matches(self, sheet_name: str) -> bool:
        """Whether a sheet of this name is this list (`List 6 - Children in need`, `list6`)."""
        name = squash(sheet_name)
        prefix = f"list{self.number}"
        return name.startswith(prefix) and not name[len(prefix) : len(prefix) + 1].isdigit()


LIST_6 = ListSpec(6, "children in need", (CHILD_ID, CASE_STATUS, TEAM, WORKER), (CIN_START,))
LIST_7 = ListSpec(7, "child protection", (CHILD_ID, PLAN_END, TEAM, WORKER))
LIST_8 = ListSpec(8, "looked after", (CHILD_ID, LEGAL_STATUS, CEASED, TEAM, WORKER))
LIST_3 = ListSpec(3, "referrals", (CHILD_ID, REFERRAL))

LISTS: tuple[ListSpec, ...] = (LIST_6, LIST_7, LIST_8, LIST_3)
