"""FSP Allocator's core: the domain, weighting, workbook import/export, workspace and CLI.

No Qt here: the desktop app in `ui/` builds on this package, and this package builds on
the CP-SAT model in `solver/`.
"""

__version__ = "0.1.0"
