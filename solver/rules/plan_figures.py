"""A plan's figures, worked out without a solver: what every aim's `value` is computed from.

The same definitions as the model's (`solver.variables`): candidate pairs, each worker's new
weight and court families, whether they receive a non-fixed family, load ÷ capacity in
thousandths rounded down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from solver.instance import Instance
from solver.rules.checks import candidate_pairs

PERMILLE = 1000  # load ÷ capacity is counted in thousandths


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """One plan's figures per worker, and the pairs the model could choose from."""

    instance: Instance
    assignment: Mapping[str, str | None]
    pairs: Mapping[str, list[str]]  # family id -> candidate workers
    candidates: tuple[str, ...]  # workers with at least one candidate pair, instance order
    new_weight: Mapping[str, int]
    new_court: Mapping[str, int]
    receives_non_fixed: frozenset[str]

    def ratio_permille(self, worker_id: str) -> int:
        """floor(1000 × load after ÷ capacity) for a worker with capacity > 0."""
        worker = self.instance.worker(worker_id)
        return PERMILLE * (worker.load + self.new_weight[worker_id]) // worker.capacity

    def has_non_fixed_option(self, worker_id: str) -> bool:
        """Whether a non-fixed family could go to the worker."""
        return any(
            worker_id in self.pairs[f.id] for f in self.instance.families if f.fixed_worker is None
        )


def plan_figures(instance: Instance, assignment: Mapping[str, str | None]) -> PlanFigures:
    """The figures of `assignment` on `instance`."""
    pairs = candidate_pairs(instance)
    used = {w for options in pairs.values() for w in options}
    weight = {w.id: 0 for w in instance.workers}
    court = {w.id: 0 for w in instance.workers}
    non_fixed: set[str] = set()
    for family in instance.families:
        worker_id = assignment.get(family.id)
        if worker_id is None or worker_id not in weight:
            continue
        weight[worker_id] += family.weight
        court[worker_id] += int(family.court)
        if family.fixed_worker is None:
            non_fixed.add(worker_id)
    return PlanFigures(
        instance,
        assignment,
        pairs,
        tuple(w.id for w in instance.workers if w.id in used),
        weight,
        court,
        frozenset(non_fixed),
    )
