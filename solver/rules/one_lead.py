"""Hard rule 1: each family unit has at most one lead worker, and `allocated` says which."""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.terms import HardRule
from solver.variables import Variables

NAME = "One lead worker per family"


def build(model: cp_model.CpModel, variables: Variables, instance: Instance) -> None:
    """allocated[f] = Σ_w x[f, w], so a family has one lead worker or none."""
    for family in instance.families:
        choices = [var for _, var in variables.workers_of(family.id)]
        model.add(sum(choices) == variables.allocated[family.id])


RULE = HardRule(NAME, build)
