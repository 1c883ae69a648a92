"""Invented names for the demo: plainly fake, diverse, and never a child's (children have ids).

Team names follow Oxfordshire-like localities ("FSP Banbury"); a county of more than 17
teams repeats them with a number ("FSP Banbury 2").
"""

from __future__ import annotations

import random

LOCALITIES: tuple[str, ...] = (
    "Banbury",
    "Bicester",
    "Oxford City",
    "Witney",
    "Abingdon",
    "Didcot",
    "Wantage",
    "Thame",
    "Henley",
    "Kidlington",
    "Wallingford",
    "Carterton",
    "Chipping Norton",
    "Faringdon",
    "Wheatley",
    "Woodstock",
    "Cowley",
)

PATCHES: tuple[str, ...] = ("North", "South", "East", "West", "Central")

FIRST_NAMES: tuple[str, ...] = (
    "Sam",
    "Priya",
    "Tomasz",
    "Aisha",
    "Jordan",
    "Mei",
    "Kwame",
    "Ellie",
    "Ravi",
    "Fatima",
    "Owen",
    "Zofia",
    "Dev",
    "Grace",
    "Yusuf",
    "Hannah",
    "Chidi",
    "Ines",
    "Liam",
    "Nadia",
    "Marek",
    "Rosa",
    "Tariq",
    "Bethan",
    "Kofi",
    "Leah",
    "Arjun",
    "Siobhan",
    "Emeka",
    "Jade",
)

SURNAMES: tuple[str, ...] = (
    "Lee",
    "Patel",
    "Nowak",
    "Khan",
    "Okafor",
    "Smith",
    "Chen",
    "Mensah",
    "Evans",
    "Ali",
    "Hughes",
    "Kowalski",
    "Shah",
    "Murphy",
    "Adeyemi",
    "Silva",
    "Brown",
    "Hussain",
    "Walsh",
    "Nguyen",
    "Begum",
    "Taylor",
    "Osei",
    "Jones",
    "Singh",
    "Fraser",
    "Ahmed",
    "Wright",
)

SKILL_TAGS: tuple[str, ...] = (
    "teenagers",
    "under-fives",
    "disability",
    "autism",
    "exploitation",
    "polish",
    "urdu",
    "court work",
    "unaccompanied minors",
)


def team_name(index: int) -> str:
    """The name of team `index` (1-based): `FSP Banbury`, then `FSP Banbury 2` past 17."""
    round_number, position = divmod(index - 1, len(LOCALITIES))
    base = f"FSP {LOCALITIES[position]}"
    return base if round_number == 0 else f"{base} {round_number + 1}"


def team_patches(index: int, rng: random.Random) -> tuple[str, ...]:
    """Two or three patches of the team's locality, e.g. `Banbury North`."""
    town = LOCALITIES[(index - 1) % len(LOCALITIES)]
    return tuple(f"{town} {p}" for p in rng.sample(PATCHES, rng.randint(2, 3)))


def person_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct invented full names such as `Sam Lee`."""
    pairs = rng.sample(range(len(FIRST_NAMES) * len(SURNAMES)), count)
    return [f"{FIRST_NAMES[p // len(SURNAMES)]} {SURNAMES[p % len(SURNAMES)]}" for p in pairs]
