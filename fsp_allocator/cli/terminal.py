"""What the commands print is safe to show on a terminal: control characters escaped.

A cell of a hostile CSV can hold an escape sequence (`ESC[2J` clears the screen, others
retitle the window or fake a prompt) or a right-to-left override that reorders the line.
Everything the commands write to stdout and stderr goes through `escape_controls`: such
characters are shown as `\\u001b`, `\\u202e`... (which also stays valid inside a JSON
string). Line feeds and tabs are kept.
"""

from __future__ import annotations

import contextlib
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import IO, Any

_KEPT = frozenset("\n\t")
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


def escape_controls(text: str) -> str:
    """`text` with every control or invisible formatting character written as `\\uXXXX`."""
    if text.isprintable():
        return text
    return "".join(
        f"\\u{ord(char):04x}"
        if char not in _KEPT and unicodedata.category(char) in _ESCAPED_CATEGORIES
        else char
        for char in text
    )


class EscapingStream:
    """A text stream that escapes control characters, then writes to the stream it wraps."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def escaped_output() -> Iterator[None]:
    """While the block runs, stdout and stderr escape control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(out), EscapingStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


_BACKGROUND = re.compile(r"\s*\(Background on this error at:[^)]*\)")
_SQL = re.compile(r"\s*\[SQL:.*", re.DOTALL)
_DRIVER = re.compile(r"^\((?:[\w.]+)\)\s*")


def plain_error(exc: BaseException) -> str:
    """An exception's text without database-driver decoration (SQL, background links)."""
    text = str(exc)
    text = _SQL.sub("", _BACKGROUND.sub("", text))
    text = _DRIVER.sub("", text.strip())
    return text.splitlines()[0] if text else type(exc).__name__
