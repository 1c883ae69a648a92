"""Write the result files asked for (workbook and/or JSON) as a pair: both or neither.

Both are rendered in memory, written to temporary files beside their targets, and only
then renamed over them (`safe_write.atomic_paths`), so a full disk or a kill never leaves
a new workbook beside an old JSON, or half of either.
"""

from __future__ import annotations

import json
from pathlib import Path

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.result.excel_writer import build_workbook
from fsp_allocator.result.json_writer import result_dict
from fsp_allocator.safe_write import atomic_paths, workbook_bytes


def write_result_files(
    proposal: AllocationProposal, excel: Path | None, json_path: Path | None
) -> list[Path]:
    """Write the files asked for, all or none; returns their paths. Raises OSError."""
    contents: list[tuple[Path, bytes]] = []
    if excel is not None:
        contents.append((Path(excel), workbook_bytes(build_workbook(proposal))))
    if json_path is not None:
        text = json.dumps(result_dict(proposal), indent=2, ensure_ascii=False) + "\n"
        contents.append((Path(json_path), text.encode("utf-8")))
    if not contents:
        return []
    with atomic_paths([path for path, _ in contents]) as temps:
        for tmp, (_, data) in zip(temps, contents, strict=True):
            tmp.write_bytes(data)
    return [path for path, _ in contents]
