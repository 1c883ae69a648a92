"""The CP-SAT allocation model: a prepared `Instance` in, a `Solution` out.

Imports neither `fsp_allocator` nor Qt nor pandas (checked by import-linter). The contract
types and the rules (`solver.rules`) load without OR-Tools; `solve`, `greedy_plan` and
`validate` load it on first use, so the app opens before the engine is needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from solver.instance import SCALE, AdultWorker, FamilyUnit, Instance, LeadWorker
from solver.progress import CancelToken, Progress, ProgressCallback
from solver.solution import Penalty, Solution, SolverConfig, SolveStatus

if TYPE_CHECKING:
    from solver.greedy import greedy_plan
    from solver.lexicographic import solve
    from solver.validation import validate

_LAZY = {
    "greedy_plan": "solver.greedy",
    "solve": "solver.lexicographic",
    "validate": "solver.validation",
}

__all__ = [
    "SCALE",
    "AdultWorker",
    "CancelToken",
    "FamilyUnit",
    "Instance",
    "LeadWorker",
    "Penalty",
    "Progress",
    "ProgressCallback",
    "Solution",
    "SolveStatus",
    "SolverConfig",
    "greedy_plan",
    "solve",
    "validate",
]


def __getattr__(name: str) -> Any:
    """`solve`, `greedy_plan` and `validate`, imported on first use."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'solver' has no attribute {name!r}")
