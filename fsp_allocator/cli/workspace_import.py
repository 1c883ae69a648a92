"""Import team data into the workspace from the command line: preview, dry run, confirmation.

Shared by `workspace import` (a team workbook) and `workspace import-annex-a`. With
`--dry-run` the import is previewed and nothing changes. Otherwise it is applied as a
recorded change (backup first, audited); an import that would turn accepted allocations
back into unallocated children names them and changes nothing unless `--yes` is given.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fsp_allocator.domain import TeamData
from fsp_allocator.workspace import Workspace
from fsp_allocator.workspace.import_preview import ImportWouldUndo
from fsp_allocator.workspace.scope import OutsideScope

REFUSED = 1
INVALID_INPUT = 2


def add_import_options(parser: Any) -> None:
    """`--dry-run` and `--yes` on an import subcommand."""
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show what the import would change (workers, cases, children to allocate, "
        "accepted allocations undone) and change nothing",
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="confirm an import that undoes accepted allocations (they are named without it)",
    )


def import_into_workspace(args: argparse.Namespace, data: TeamData, label: str) -> int:
    """Preview (--dry-run) or apply `data` to the workspace; prints what it does."""
    from fsp_allocator.cli.workspace_command import opened

    with opened(args) as workspace:
        try:
            return _import(workspace, args, data, label)
        except OutsideScope as refused:
            print(f"error: {refused}", file=sys.stderr)
            print(f"{label} was not imported; nothing changed.", file=sys.stderr)
            return INVALID_INPUT


def _import(workspace: Workspace, args: argparse.Namespace, data: TeamData, label: str) -> int:
    """The preview or the applied import, printed (inside the opened workspace)."""
    if args.dry_run:
        preview = workspace.preview_import(data)
        print(f"Dry run: nothing was changed. Importing {label} would make these changes:")
        for line in preview.lines():
            print(line)
        if preview.undone:
            print("Importing it would need --yes, to confirm undoing those allocations.")
        return 0
    try:
        applied = workspace.apply_import(data, undo_accepted=args.yes)
    except ImportWouldUndo as refused:
        print(f"fsp-allocator: {label} was not imported.", file=sys.stderr)
        for undone in refused.preview.undone:
            print(f"would undo: {undone}", file=sys.stderr)
        print(
            f"Importing {label} would turn {len(refused.preview.undone)} accepted "
            "allocation(s) back into unallocated children (the workbook may be out of "
            "date). Nothing was changed. Check with --dry-run; if the workbook is right, "
            "run again with --yes.",
            file=sys.stderr,
        )
        return REFUSED
    preview = applied.preview
    print(preview.diff.summary())
    if preview.to_allocate:
        print(f"New children to allocate: {len(preview.to_allocate)}.")
    for undone in preview.undone:
        print(f"Undone (confirmed with --yes): {undone}")
    if applied.backup_path is not None:
        print(f"Backup taken first: {applied.backup_path}")
    return 0
