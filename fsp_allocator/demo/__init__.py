"""Realistic, plainly invented demo data: a team's (or a county's) roster and caseload.

`generate(teams=1, seed=1, week=None) -> TeamData`; write it with
`fsp_allocator.workbook.writer.write_team`, or run `fsp-allocator demo --out team.xlsx`.
"""

from __future__ import annotations

from fsp_allocator.demo.generator import COUNTY_TEAMS, generate, monday_of
from fsp_allocator.demo.proportions import DEFAULT_PROPORTIONS, DemoProportions

__all__ = ["COUNTY_TEAMS", "DEFAULT_PROPORTIONS", "DemoProportions", "generate", "monday_of"]
