"""Rebalancing open caseloads: re-home released workers' families, relieve overload.

A prepared `RebalanceInstance` (one team) in, a `RebalanceSolution` (its frontier) out.
Like the weekly model it imports neither `fsp_allocator` nor Qt nor pandas. The hard rules
come from one place, `solver.rebalance.rule_checks`.
"""

from solver.rebalance.frontier import solve_rebalance
from solver.rebalance.greedy import greedy_rehome
from solver.rebalance.instance import MovingFamily, RebalanceInstance, TeamWorker
from solver.rebalance.solution import FrontierPoint, RebalanceSolution
from solver.rebalance.validation import validate_point, validate_rebalance

__all__ = [
    "FrontierPoint",
    "MovingFamily",
    "RebalanceInstance",
    "RebalanceSolution",
    "TeamWorker",
    "greedy_rehome",
    "solve_rebalance",
    "validate_point",
    "validate_rebalance",
]
