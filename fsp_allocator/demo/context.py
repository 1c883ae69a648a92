"""What every step of one demo team's generation shares: names, week, knobs, ids and dice."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from fsp_allocator.demo.proportions import DemoProportions
from fsp_allocator.domain import ChildId, FamilyId, Settings, TeamName


@dataclass(slots=True)
class TeamContext:
    """One team being generated; hands out ids `T01-C0001` and `T01-F001` in order."""

    code: str
    team: TeamName
    patches: tuple[str, ...]
    week: date
    settings: Settings
    p: DemoProportions
    rng: random.Random
    _children: int = field(default=0)
    _families: int = field(default=0)

    def next_child_id(self) -> ChildId:
        """The next child id of this team."""
        self._children += 1
        return ChildId(f"{self.code}-C{self._children:04d}")

    def next_family_id(self) -> FamilyId:
        """The next family id of this team."""
        self._families += 1
        return FamilyId(f"{self.code}-F{self._families:03d}")
