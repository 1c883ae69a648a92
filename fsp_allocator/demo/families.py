"""Draw a demo family: its size, the factors identified at assessment and its children."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fsp_allocator.demo.proportions import DemoProportions
from fsp_allocator.domain import Stage

PROTECTION_STAGES = frozenset({Stage.CP, Stage.PLO, Stage.COURT})
NO_FACTORS_CODE_CHANCE = 0.3  # a child with nothing identified is sometimes coded 21


@dataclass(frozen=True, slots=True)
class FamilyDraw:
    """What a family shares (stage, parental factors, patch) and each child's own factors."""

    stage: Stage
    parent_factors: tuple[str, ...]
    child_factors: tuple[tuple[str, ...], ...]
    locality: str | None

    def factors_of(self, position: int) -> tuple[str, ...]:
        """The full factor list of the child at `position`, in census order."""
        return sort_codes(self.parent_factors + self.child_factors[position])


def _code_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return int(digits), code[len(digits) :]


def sort_codes(codes: Sequence[str]) -> tuple[str, ...]:
    """Distinct codes in census order (1A, 1B, ..., 24A)."""
    return tuple(sorted(set(codes), key=_code_key))


def family_size(p: DemoProportions, rng: random.Random, most: int | None = None) -> int:
    """A sibling group of 1-4 children (at most `most`)."""
    size = rng.choices(range(1, len(p.family_size_weights) + 1), p.family_size_weights)[0]
    return size if most is None else max(1, min(size, most))


def _draw(rates: Mapping[str, float], rng: random.Random) -> list[str]:
    return [code for code in sorted(rates, key=_code_key) if rng.random() < rates[code]]


def parent_factors(stage: Stage, p: DemoProportions, rng: random.Random) -> tuple[str, ...]:
    """Parental factors, with the child protection rates for DA and MH on CP/court families."""
    rates = dict(p.family_factor_rates)
    if stage in PROTECTION_STAGES:
        rates.update(p.protection_factor_rates)
    return tuple(_draw(rates, rng))


def child_factors(
    parents: tuple[str, ...], p: DemoProportions, rng: random.Random
) -> tuple[str, ...]:
    """One child's own factors; parental domestic abuse is sometimes coded on the child (3A)."""
    own = _draw(p.child_factor_rates, rng)
    if "3B" in parents and rng.random() < p.domestic_abuse_on_child:
        own.append("3A")
    if not own and not parents and rng.random() < NO_FACTORS_CODE_CHANCE:
        own.append("21")
    return tuple(own)


def draw_family(
    stage: Stage, size: int, patches: Sequence[str], p: DemoProportions, rng: random.Random
) -> FamilyDraw:
    """A family of `size` children at `stage`, living in one of the team's patches."""
    parents = parent_factors(stage, p, rng)
    kids = tuple(child_factors(parents, p, rng) for _ in range(size))
    locality = rng.choice(patches) if rng.random() < 0.9 else None
    return FamilyDraw(stage, parents, kids, locality)
