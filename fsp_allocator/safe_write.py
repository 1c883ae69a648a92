"""Write files so that a crash never leaves half a file, and a pair is written whole or not at all.

Each file is written to a temporary file beside it (`.NAME.PID-XXXXXXXX.tmp`), flushed to
disk, then renamed over the target. `atomic_paths` does this for several files at once:
every temporary file is written first, then all are renamed; if anything fails before the
renames, no target is touched, and if a rename fails the ones already made are undone.

A process killed mid-write leaves its temporary file behind. Every write sweeps the
folder it writes into for such leftovers of ours: temporary files whose process is no
longer running (on Windows, where that cannot be asked safely: over an hour old; in any
case over a day old), so they never pile up.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

STALE_AFTER_SECONDS = 24 * 60 * 60
_OURS = re.compile(r"^\..+\.(?P<pid>\d+)-[A-Za-z0-9_]{6,}\.tmp(?:-journal|-wal|-shm)?$")
_OLD_STYLE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # before the pid was in the name
_OLD_STYLE_STALE_AFTER = 60 * 60


def workbook_bytes(book: Any) -> bytes:
    """An openpyxl workbook saved in memory.

    Saving into the file directly leaves a half-written zip open when the disk fills; its
    clean-up then fails again at exit ("Exception ignored in ... ZipFile.__del__"). Saved
    in memory first, only a plain write of bytes can fail.
    """
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def disk_message(exc: OSError) -> str:
    """A full disk or an I/O error in plain words (no driver or Python text)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.EFBIG:
        return "the file would be larger than this system allows (a disk quota or size limit)"
    if exc.errno == errno.EIO:
        return "the disk reported an error while writing (an I/O error)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission was refused (is the file open in Excel, or the folder read-only?)"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or type(exc).__name__


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` atomically.

    On any exception the temporary file is removed and `target` is left as it was.
    """
    with atomic_paths([target]) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path]) -> Iterator[tuple[Path, ...]]:
    """Yield one temporary path per target; when the block succeeds, all replace their targets.

    Nothing is replaced unless every temporary file was written and flushed; a failed
    rename puts back the targets already replaced.
    """
    targets = [Path(t) for t in targets]
    temps: list[Path] = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(target.parent)
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent
            )
            os.close(fd)
            temps.append(Path(name))
        yield tuple(temps)
        for tmp in temps:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        _replace_all(temps, targets)
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def _replace_all(temps: Sequence[Path], targets: Sequence[Path]) -> None:
    """Rename each temp over its target; on failure put back those already replaced."""
    kept: list[tuple[Path, Path | None]] = []  # (target, its old content moved aside)
    try:
        for tmp, target in zip(temps, targets, strict=True):
            old = None
            if len(targets) > 1 and target.exists():
                old = target.with_name(f".{target.name}.{os.getpid()}-previous.tmp")
                os.replace(target, old)
            kept.append((target, old))
            os.replace(tmp, target)
    except OSError:
        for target, old in reversed(kept):
            with contextlib.suppress(OSError):  # put back as much as can be put back
                if old is not None:
                    os.replace(old, target)
                else:
                    target.unlink(missing_ok=True)
        raise
    for _, old in kept:
        if old is not None:
            old.unlink(missing_ok=True)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove our temporary files in `folder` left by a process that died; returns them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    now = time.time()
    for entry in entries:
        if ".tmp" not in entry.name or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        ours = _OURS.match(entry.name)
        if ours:
            stale = age > STALE_AFTER_SECONDS or (
                not _running(int(ours.group("pid"))) or (sys.platform == "win32" and age > 3600)
            )
        else:
            stale = bool(_OLD_STYLE.match(entry.name)) and age > _OLD_STYLE_STALE_AFTER
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    """Whether process `pid` may still be writing (on Windows: assumed for an hour)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True
