"""Where a workspace lives: a SQLite file or a database URL, and whether that place is safe.

SQLite's locking is not reliable on network file systems (NFS, SMB/CIFS, sshfs), so a
workspace there is refused with advice; so is a read-only folder or file.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from fsp_allocator.paths import default_workspace_path
from fsp_allocator.workspace.errors import WorkspaceError

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "sshfs", "afs", "9p"}
)
DRIVE_REMOTE = 4  # Windows GetDriveTypeW


@dataclass(frozen=True, slots=True)
class Target:
    """A resolved workspace target: a SQLite file path, or a SQLAlchemy URL."""

    path: Path | None
    url: str

    @property
    def is_sqlite(self) -> bool:
        """True for an embedded SQLite workspace file."""
        return self.path is not None


def resolve_target(target: str | Path | None) -> Target:
    """None = the default; a path = a SQLite file; a string with `://` = a URL.

    The default is `FSP_ALLOCATOR_WORKSPACE` when set (a file path, or a URL naming a shared
    server), else the SQLite file in the user's data folder.
    """
    if target is None:
        setting = os.environ.get("FSP_ALLOCATOR_WORKSPACE", "")
        target = setting if "://" in setting else default_workspace_path()
    if isinstance(target, str) and "://" in target:
        if target.startswith("sqlite"):
            raw = target.split("///", 1)[1] if "///" in target else ""
            if raw and raw != ":memory:":
                return Target(Path(raw), target)
        return Target(None, target)
    path = Path(target).expanduser().absolute()
    return Target(path, f"sqlite+pysqlite:///{path}")


def mount_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The file system type of the mount holding `path` (Linux `/proc/mounts`), or None."""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    text = str(path)
    best: tuple[int, str] | None = None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = text == point or text.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), parts[2])
    return best[1] if best else None


def is_network_path(path: Path, mounts_text: str | None = None) -> bool:
    """Whether `path` is on a network share (UNC or network drive, NFS/SMB/sshfs mount)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(text)[0]
        if drive:
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            return bool(kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)
        return False
    fs_type = mount_type(path, mounts_text)
    return fs_type is not None and fs_type.lower() in NETWORK_FILESYSTEMS


def is_writable(path: Path) -> bool:
    """Writable for this user, with a write bit set, and not on a read-only mount.

    The write bits are checked too because an administrator passes `os.access` on a
    folder or file that was deliberately made read-only.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    if hasattr(os, "statvfs"):
        try:
            return not os.statvfs(path).f_flag & os.ST_RDONLY
        except OSError:
            return True
    return True


def check_sqlite_place(path: Path, *, create: bool) -> None:
    """Refuse, with a clear message, a network share, a read-only place or a missing file."""
    default_hint = f"Use the default location ({default_workspace_path().parent}) instead."
    probe = path if path.exists() else path.parent
    if is_network_path(probe):
        raise WorkspaceError(
            f"The workspace {path} is on a network share, where SQLite can lose or corrupt "
            "data when two people save at once. Copy it to this computer, or ask for a "
            f"shared PostgreSQL database. {default_hint}"
        )
    if not path.exists():
        if not create:
            raise WorkspaceError(f"There is no workspace at {path}: the file does not exist.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise WorkspaceError(
                f"The folder {path.parent} cannot be created, so no workspace can be made "
                f"there. {default_hint}"
            ) from None
    if not is_writable(path.parent):
        raise WorkspaceError(
            f"The folder {path.parent} is read-only, so the workspace cannot be saved there. "
            f"{default_hint}"
        )
    if path.exists() and not is_writable(path):
        raise WorkspaceError(
            f"The workspace file {path} is read-only, so nothing could be saved. "
            f"Make it writable or copy it somewhere writable. {default_hint}"
        )
