"""Aim 1's floor, held as a hard rule: no unallocated family could still go to anyone.

For each family that is not allocated and each worker the model could give it to, adding it
must break that worker's court cap or load ceiling. The optimal first stage satisfies this
anyway; holding it as a rule keeps it true for a plan a time limit stopped early.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import HardRule
from solver.variables import Variables

NAME = "Every family that fits is allocated"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> None:
    """allocated[f] or, for each candidate worker, a cap that the family would break."""
    families = {f.id: f for f in instance.families}
    workers = {w.id: w for w in instance.workers}
    new_weight = {w: variables.new_weight(w) for w in variables.candidate_worker_ids()}
    new_court = {w: variables.new_court(w) for w in variables.candidate_worker_ids()}
    for family_id, worker_id in list(variables.x):
        family = families[family_id]
        if family.fixed_worker is not None:
            continue
        worker = workers[worker_id]
        over_load = model.new_bool_var(f"over_load[{family_id},{worker_id}]")
        over_court = model.new_bool_var(f"over_court[{family_id},{worker_id}]")
        room = worker.max_load - worker.load - family.weight
        model.add(new_weight[worker_id] >= room + 1).only_enforce_if(over_load)
        court_room = worker.court_cap - worker.court_load - int(family.court)
        model.add(new_court[worker_id] >= court_room + 1).only_enforce_if(over_court)
        model.add_bool_or([variables.allocated[family_id], over_load, over_court])


RULE = HardRule(NAME, build)
