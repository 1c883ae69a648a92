"""The CP-SAT allocation model: a prepared `Instance` in, a `Solution` out.

Imports neither `fsp_allocator` nor Qt nor pandas (checked by import-linter).
"""

from solver.greedy import greedy_plan
from solver.instance import SCALE, AdultWorker, FamilyUnit, Instance, LeadWorker
from solver.progress import CancelToken, Progress, ProgressCallback
from solver.solution import Penalty, Solution, SolverConfig, SolveStatus
from solver.solve import solve
from solver.validation import validate

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
