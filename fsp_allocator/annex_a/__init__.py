"""Read the Ofsted Annex A lists a council's case system exports into a team workbook.

`read_annex_a(path, team=..., roster=..., families=..., week=...)` returns an
`AnnexAResult`: the `TeamData` (None on any error), every problem located by sheet, Excel
row and column, and a summary of what was taken, what was left and why. Only the columns
the contract names are ever read (spec/annex_a.md): no personal column leaves the file.
"""

from __future__ import annotations

from fsp_allocator.annex_a.importer import ALL_TEAMS, AnnexAResult, is_annex_a, read_annex_a
from fsp_allocator.annex_a.summary import AnnexASummary

__all__ = ["ALL_TEAMS", "AnnexAResult", "AnnexASummary", "is_annex_a", "read_annex_a"]
