"""Can a window open here? A display, and on Linux X11 the libraries Qt's xcb plugin needs.

Without libxcb-cursor and friends, Qt 6 aborts with its own message and a core dump
("could not load the Qt platform plugin xcb"). We look for those libraries first (by
loading them, as the plugin would) and print the README's one-line fix instead.
"""

from __future__ import annotations

import ctypes
import os
import sys

# the sonames Qt 6's xcb platform plugin loads beyond libxcb itself, and their Debian packages
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
}


def has_display() -> bool:
    """Whether a window can be shown (always on Windows and macOS; X11/Wayland on Linux)."""
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def uses_xcb() -> bool:
    """Whether Qt will use its X11 (xcb) plugin: Linux, asked for, or X11 without Wayland."""
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform:
        return platform == "xcb"
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_packages() -> list[str]:
    """The Debian/Ubuntu packages of the xcb libraries that cannot be loaded (none: [])."""
    return [package for soname, package in XCB_LIBRARIES.items() if not _loads(soname)]


def xcb_fix(packages: list[str]) -> str:
    """The one line that says what is missing and how to install it."""
    return (
        "fsp-allocator: the window cannot open: this desktop lacks X libraries Qt 6 needs "
        f"({', '.join(packages)}). On Debian or Ubuntu: sudo apt install {' '.join(packages)}"
    )
