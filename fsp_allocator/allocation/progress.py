"""Progress reports and cancellation for a running allocation, as the app sees them.

The UI talks to the core, never to the solver: it takes these from here. Loading this
module does not load OR-Tools.
"""

from __future__ import annotations

from solver.progress import CancelToken, Progress, ProgressCallback

__all__ = ["CancelToken", "Progress", "ProgressCallback"]
