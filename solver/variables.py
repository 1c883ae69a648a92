"""The lead-worker decision variables of one team's model, in one container.

`x[family, worker]` exists only for the pairs `solver.rules.checks.candidate_pairs` allows:
the family's `fixed_worker`, or for a family that is not fixed, an eligible worker every
pair rule lets take it on top of their fixed families. Every other pair is simply absent,
so the eligibility rules (3, 4, 6, 8 and exclusions) hold by construction.
"""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from solver.instance import FamilyUnit, Instance
from solver.rules.checks import candidate_pairs
from solver.rules.plan_figures import PERMILLE


class Variables:
    """x[family, worker], allocated[family] and per-worker derived expressions."""

    def __init__(self, model: cp_model.CpModel, instance: Instance) -> None:
        self.model = model
        self.instance = instance
        self.x: dict[tuple[str, str], cp_model.IntVar] = {}
        self.allocated: dict[str, cp_model.IntVar] = {}
        self._receives_non_fixed: dict[str, cp_model.IntVar] = {}
        self._ratio: dict[str, cp_model.IntVar] = {}
        pairs = candidate_pairs(instance)
        self._by_family: dict[str, list[tuple[str, cp_model.IntVar]]] = {}
        self._by_worker: dict[str, list[tuple[FamilyUnit, cp_model.IntVar]]] = {
            w.id: [] for w in instance.workers
        }
        for family in instance.families:
            options = self._by_family.setdefault(family.id, [])
            for worker_id in pairs[family.id]:
                var = model.new_bool_var(f"x[{family.id},{worker_id}]")
                self.x[family.id, worker_id] = var
                options.append((worker_id, var))
                self._by_worker[worker_id].append((family, var))
            self.allocated[family.id] = model.new_bool_var(f"allocated[{family.id}]")

    def workers_of(self, family_id: str) -> Iterator[tuple[str, cp_model.IntVar]]:
        """(worker id, x) for each worker the family may go to."""
        yield from self._by_family.get(family_id, [])

    def families_of(self, worker_id: str) -> Iterator[tuple[FamilyUnit, cp_model.IntVar]]:
        """(family, x) for each family that may go to the worker."""
        yield from self._by_worker.get(worker_id, [])

    def candidate_worker_ids(self) -> list[str]:
        """Workers who may receive at least one family, in the instance's order."""
        used = {w for (_, w) in self.x}
        return [w.id for w in self.instance.workers if w.id in used]

    def new_weight(self, worker_id: str) -> cp_model.LinearExprT:
        """The weight the worker receives this week."""
        return sum(f.weight * var for f, var in self.families_of(worker_id))

    def new_court(self, worker_id: str) -> cp_model.LinearExprT:
        """The court families the worker receives this week."""
        return sum(var for f, var in self.families_of(worker_id) if f.court)

    def receives_non_fixed(self, worker_id: str) -> cp_model.IntVar:
        """A bool: true exactly when the worker receives a family that is not fixed to them."""
        if worker_id not in self._receives_non_fixed:
            literals = [v for f, v in self.families_of(worker_id) if f.fixed_worker is None]
            flag = self.model.new_bool_var(f"receives_non_fixed[{worker_id}]")
            if literals:
                self.model.add_max_equality(flag, literals)
            else:
                self.model.add(flag == 0)
            self._receives_non_fixed[worker_id] = flag
        return self._receives_non_fixed[worker_id]

    def ratio_upper(self, worker_id: str) -> int:
        """The largest ratio_permille the worker could reach (all their options taken)."""
        worker = self.instance.worker(worker_id)
        top = sum(f.weight for f, _ in self.families_of(worker_id)) + worker.load
        return PERMILLE * top // worker.capacity

    def ratio_permille(self, worker_id: str) -> cp_model.IntVar:
        """floor(1000 × load after ÷ capacity) for a worker with capacity > 0."""
        if worker_id not in self._ratio:
            worker = self.instance.worker(worker_id)
            ratio = self.model.new_int_var(0, self.ratio_upper(worker_id), f"ratio[{worker_id}]")
            numerator = PERMILLE * (worker.load + self.new_weight(worker_id))
            self.model.add_division_equality(ratio, numerator, worker.capacity)
            self._ratio[worker_id] = ratio
        return self._ratio[worker_id]

    def hint(self, assignment: dict[str, str | None]) -> None:
        """Replace the model's hints by this plan (pairs the model lacks are skipped)."""
        self.model.clear_hints()
        for (family_id, worker_id), var in self.x.items():
            self.model.add_hint(var, assignment.get(family_id) == worker_id)
        for family_id, var in self.allocated.items():
            self.model.add_hint(var, assignment.get(family_id) is not None)

    def extract(
        self, solver: cp_model.CpSolver | cp_model.CpSolverSolutionCallback
    ) -> dict[str, str | None]:
        """The plan in the solver's current solution: family id -> worker id or None."""
        plan: dict[str, str | None] = {f.id: None for f in self.instance.families}
        for (family_id, worker_id), var in self.x.items():
            if solver.boolean_value(var):
                plan[family_id] = worker_id
        return plan
