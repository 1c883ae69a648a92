"""A SQLite workspace readable by its owner only: the file 0600, its folders 0700.

Applied when a workspace is created and on every open, so a file made by an older version
(0644 in a 0755 folder, readable by every user of a shared PC) is put right. The WAL and
shared-memory files beside it and the backups folder get the same. On Windows, where
`chmod` only sets the read-only flag, the user's profile folders already keep others out.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = stat.S_IRUSR | stat.S_IWUSR  # 0600
FOLDER_MODE = stat.S_IRWXU  # 0700
COMPANIONS = ("-wal", "-shm", "-journal")


def _set(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        if path.exists() and stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)


def restrict_workspace(workspace: Path, *, own_folder: bool = True) -> None:
    """Make the workspace file (and its WAL/SHM), its backups folder and, when the folder
    is the workspace's own (`own_folder`: the default one, or made for it), that folder
    owner-only. A folder that is not the workspace's own (a Desktop, /tmp) is never
    changed, nor one that belongs to another user or has the sticky bit."""
    if os.name == "nt":
        return
    folder = workspace.parent
    if own_folder and _is_private_candidate(folder):
        _set(folder, FOLDER_MODE)
    _set(workspace.parent / "backups", FOLDER_MODE)
    _set(workspace, FILE_MODE)
    for suffix in COMPANIONS:
        _set(workspace.with_name(workspace.name + suffix), FILE_MODE)


def _is_private_candidate(folder: Path) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & stat.S_ISVTX


def create_private_file(path: Path) -> None:
    """Create an empty file that is owner-only from its first byte (no window at 0644)."""
    if os.name == "nt" or path.exists():
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
