"""The one Qt import shim: every ui module takes its Qt names from here (as Anki's `aqt.qt`).

Keeping Qt behind one module means a binding change or a Qt workaround is made in one place.
"""

from __future__ import annotations

from PySide6.QtCharts import *  # noqa: F403
from PySide6.QtCore import *  # type: ignore[assignment]  # noqa: F403
from PySide6.QtGui import *  # type: ignore[assignment]  # noqa: F403
from PySide6.QtWidgets import *  # type: ignore[assignment]  # noqa: F403
