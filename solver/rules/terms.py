"""The shapes every rule shares: a hard rule adds constraints, an aim returns named costs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.variables import Variables


@dataclass(frozen=True, slots=True)
class Term:
    """One named cost of an aim: `cost × expr`, minimised; read back as a penalty when > 0."""

    rule: str  # the sentence a manager reads when this term bites
    expr: cp_model.LinearExprT
    cost: int = 1
    family_id: str | None = None
    worker_id: str | None = None


@dataclass(frozen=True, slots=True)
class HardRule:
    """A rule never broken: `build` adds its constraints to the model."""

    name: str
    build: Callable[[cp_model.CpModel, Variables, Instance], None]


@dataclass(frozen=True, slots=True)
class Aim:
    """A soft aim optimised in its own stage: `build` returns its terms (empty = no stage)."""

    name: str
    build: Callable[[cp_model.CpModel, Variables, Instance], list[Term]]
