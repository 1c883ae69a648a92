"""The lead-worker decision variables of one team's model, in one container.

`x[family, worker]` exists only for pairs the model may choose: a worker in the family's
`eligible` list (or its `fixed_worker`), and for a family that is not fixed, a worker the
caps have not already ruled out before the week's choices (rules 5 and 7 against the
worker's load plus their fixed families). Every other pair is simply absent, so the
eligibility rules (3, 4, 6, 8 and exclusions) hold by construction.
"""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from solver.instance import FamilyUnit, Instance, LeadWorker

PERMILLE = 1000  # load ÷ capacity is modelled in thousandths


def fixed_totals(instance: Instance) -> tuple[dict[str, int], dict[str, int]]:
    """Weight and court families each worker receives from fixed units alone."""
    weight = {w.id: 0 for w in instance.workers}
    court = {w.id: 0 for w in instance.workers}
    for family in instance.families:
        if family.fixed_worker is not None and family.fixed_worker in weight:
            weight[family.fixed_worker] += family.weight
            court[family.fixed_worker] += int(family.court)
    return weight, court


def statically_open(
    worker: LeadWorker, family: FamilyUnit, fixed_weight: int, fixed_court: int
) -> bool:
    """Whether the caps leave room for a non-fixed family on top of the worker's fixed ones."""
    if worker.court_load >= worker.court_cap:
        return False
    if worker.court_load + fixed_court + int(family.court) > worker.court_cap:
        return False
    return worker.load + fixed_weight + family.weight <= worker.max_load


class Variables:
    """x[family, worker], allocated[family] and per-worker derived expressions."""

    def __init__(self, model: cp_model.CpModel, instance: Instance) -> None:
        self.model = model
        self.instance = instance
        self.x: dict[tuple[str, str], cp_model.IntVar] = {}
        self.allocated: dict[str, cp_model.IntVar] = {}
        self._receives_non_fixed: dict[str, cp_model.IntVar] = {}
        self._ratio: dict[str, cp_model.IntVar] = {}
        fixed_weight, fixed_court = fixed_totals(instance)
        workers = {w.id: w for w in instance.workers}
        self._by_family: dict[str, list[tuple[str, cp_model.IntVar]]] = {}
        self._by_worker: dict[str, list[tuple[FamilyUnit, cp_model.IntVar]]] = {
            w.id: [] for w in instance.workers
        }
        for family in instance.families:
            options = self._by_family.setdefault(family.id, [])
            for worker_id in self.candidate_workers(family, workers, fixed_weight, fixed_court):
                var = model.new_bool_var(f"x[{family.id},{worker_id}]")
                self.x[family.id, worker_id] = var
                options.append((worker_id, var))
                self._by_worker[worker_id].append((family, var))
            self.allocated[family.id] = model.new_bool_var(f"allocated[{family.id}]")

    @staticmethod
    def candidate_workers(
        family: FamilyUnit,
        workers: dict[str, LeadWorker],
        fixed_weight: dict[str, int],
        fixed_court: dict[str, int],
    ) -> list[str]:
        """The workers the model may give this family to, in the family's eligible order."""
        if family.fixed_worker is not None:
            return [family.fixed_worker] if family.fixed_worker in workers else []
        chosen: list[str] = []
        for worker_id in dict.fromkeys(family.eligible):
            worker = workers.get(worker_id)
            if worker is not None and statically_open(
                worker, family, fixed_weight[worker_id], fixed_court[worker_id]
            ):
                chosen.append(worker_id)
        return chosen

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
