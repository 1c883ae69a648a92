"""Hard rule 5: the court cap.

A worker at or above their court cap receives no new family that is not fixed to them (the
variables leave those pairs out). Otherwise, once they receive any non-fixed family, their
court load plus every new court family (fixed ones included) stays within the cap. Fixed
families alone may take a worker over the cap; they then get nothing else.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import HardRule
from solver.variables import Variables

NAME = "Court cap reached"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> None:
    """court_load + new court families <= court_cap whenever a non-fixed family is received."""
    for worker_id in variables.candidate_worker_ids():
        worker = instance.worker(worker_id)
        receives = variables.receives_non_fixed(worker_id)
        model.add(
            worker.court_load + variables.new_court(worker_id) <= worker.court_cap
        ).only_enforce_if(receives)


RULE = HardRule(NAME, build)
