"""Hard rule 2 (and 9): a fixed family goes to its fixed worker, whatever the caps say.

A fixed unit is an honoured pin or the new children of a family the worker already leads.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import HardRule
from solver.variables import Variables

NAME = "Kept with the family's own worker"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> None:
    """x[f, fixed_worker] = 1 for every fixed family."""
    for family in instance.families:
        if family.fixed_worker is not None:
            model.add(variables.x[family.id, family.fixed_worker] == 1)


RULE = HardRule(NAME, build)
