"""Hard rule 7: the load ceiling.

A family that is not fixed may go to a worker only if the worker's load plus every new
weight (fixed families included) stays within `max_load` (capacity × max_load_ratio).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import HardRule
from solver.variables import Variables

NAME = "Load ceiling"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> None:
    """load + new weight <= max_load whenever a non-fixed family is received."""
    for worker_id in variables.candidate_worker_ids():
        worker = instance.worker(worker_id)
        receives = variables.receives_non_fixed(worker_id)
        model.add(worker.load + variables.new_weight(worker_id) <= worker.max_load).only_enforce_if(
            receives
        )


RULE = HardRule(NAME, build)
