"""Test-wide set-up: Qt headless, and no test ever touches the user's real workspace."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
