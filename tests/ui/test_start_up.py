"""Start-up stays light: opening the window must not load the engine or the migrations.

OR-Tools (about a second) loads in the background once the window is idle, and Alembic
only when a workspace needs creating or migrating; a stray import pulls either back into
the time before the window shows (docs/performance.md).
"""

from __future__ import annotations

import subprocess
import sys


def test_the_window_modules_load_neither_ortools_nor_alembic() -> None:
    script = (
        "import sys\n"
        "import ui.app, ui.main_window\n"
        "from fsp_allocator.workspace import open_workspace\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'ortools', 'alembic'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
