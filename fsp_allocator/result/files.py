"""Write the result files asked for (workbook and/or JSON) as a pair: both or neither.

Both are rendered in memory, written to temporary files beside their targets, and only
then renamed over them (`safe_write.atomic_paths`), so a full disk or a kill never leaves
a new workbook beside an old JSON, or half of either.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.result.excel_writer import build_workbook
from fsp_allocator.result.json_writer import result_dict
from fsp_allocator.safe_write import atomic_paths, workbook_bytes

if TYPE_CHECKING:
    from fsp_allocator.allocation.alternatives import Alternative
    from fsp_allocator.domain import FamilyId

Lists = Mapping["FamilyId", tuple["Alternative", ...]]


def write_result_files(
    proposal: AllocationProposal,
    excel: Path | None,
    json_path: Path | None,
    alternatives: Lists | None = None,
) -> list[Path]:
    """Write the files asked for, all or none; returns their paths. Raises OSError.

    With `alternatives` (each family's ranked list), the workbook gains an "Alternatives"
    sheet and the JSON an `alternatives` key; every other key and sheet stays as it is.
    """
    contents: list[tuple[Path, bytes]] = []
    if excel is not None:
        book = build_workbook(proposal)
        if alternatives is not None:
            from fsp_allocator.result.alternatives_excel import alternatives_sheet

            alternatives_sheet(book.create_sheet("Alternatives"), alternatives)
        contents.append((Path(excel), workbook_bytes(book)))
    if json_path is not None:
        result = result_dict(proposal)
        if alternatives is not None:
            from fsp_allocator.result.alternatives_json import alternatives_dict

            result["alternatives"] = alternatives_dict(alternatives)
        text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        contents.append((Path(json_path), text.encode("utf-8")))
    if not contents:
        return []
    with atomic_paths([path for path, _ in contents]) as temps:
        for tmp, (_, data) in zip(temps, contents, strict=True):
            tmp.write_bytes(data)
    return [path for path, _ in contents]
