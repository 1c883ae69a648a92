"""The DfE Children in Need census factor codes (2024 list) and the adult-practitioner trio.

A = child, B = parent/carer, C = other person in the household. There is no 8A, 16B
or 18A: a code outside this list is an error. Codes are read case- and
space-insensitively (`normalise_code`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fsp_allocator.domain import Role


def _abc(number: int, letters: str) -> dict[str, int]:
    return {f"{number}{letter}": number for letter in letters}


_CODE_GROUP: dict[str, int] = {
    **_abc(1, "ABC"),
    **_abc(2, "ABC"),
    **_abc(3, "ABC"),
    **_abc(4, "ABC"),
    **_abc(5, "ABC"),
    **_abc(6, "ABC"),
    **_abc(7, "A"),
    **_abc(8, "BCDEF"),
    **_abc(9, "A"),
    **_abc(10, "A"),
    **_abc(11, "A"),
    **_abc(12, "A"),
    **_abc(13, "A"),
    **_abc(14, "A"),
    **_abc(15, "A"),
    **_abc(16, "A"),
    **_abc(17, "A"),
    **_abc(18, "BC"),
    **_abc(19, "BC"),
    "20": 20,
    "21": 21,
    **_abc(22, "A"),
    **_abc(23, "A"),
    **_abc(24, "A"),
}

FACTOR_CODES: frozenset[str] = frozenset(_CODE_GROUP)

GROUP_LABELS: Mapping[int, str] = MappingProxyType(
    {
        1: "alcohol misuse",
        2: "drug misuse",
        3: "domestic abuse",
        4: "mental health",
        5: "learning disability",
        6: "physical disability or illness",
        7: "young carer",
        8: "privately fostered",
        9: "unaccompanied asylum-seeking child",
        10: "going missing",
        11: "child sexual exploitation",
        12: "trafficking",
        13: "gangs",
        14: "socially unacceptable behaviour",
        15: "self-harm",
        16: "neglect",
        17: "emotional abuse",
        18: "physical abuse",
        19: "sexual abuse",
        20: "other",
        21: "no factors identified",
        22: "female genital mutilation",
        23: "abuse linked to faith or belief",
        24: "child criminal exploitation",
    }
)

_WHO = {"A": "child", "B": "parent/carer", "C": "other person in household"}

# The "trio" the team's adult practitioners address (spec: 3A-3C -> DA, 4B -> MH, 1B/2B -> SM).
TRIO_ROLE: Mapping[str, Role] = MappingProxyType(
    {"3A": Role.DA, "3B": Role.DA, "3C": Role.DA, "4B": Role.MH, "1B": Role.SM, "2B": Role.SM}
)


def normalise_code(raw: str) -> str:
    """Upper-case a factor code and drop all white space (`' 3a '` -> `'3A'`)."""
    return "".join(raw.split()).upper()


def is_valid_code(code: str) -> bool:
    """Whether `code` (already normalised) is on the CIN census list."""
    return code in FACTOR_CODES


def describe(code: str) -> str:
    """A manager-readable label, e.g. `'3B'` -> `'domestic abuse (parent/carer)'`."""
    group = _CODE_GROUP[code]
    label = GROUP_LABELS[group]
    letter = code[len(str(group)) :]
    return f"{label} ({_WHO[letter]})" if letter in _WHO else label


def trio_roles(factors: tuple[str, ...]) -> tuple[Role, ...]:
    """The adult practitioner roles a set of factors calls for, in DA, MH, SM order."""
    wanted = {TRIO_ROLE[f] for f in factors if f in TRIO_ROLE}
    return tuple(r for r in (Role.DA, Role.MH, Role.SM) if r in wanted)
