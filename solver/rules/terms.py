"""The shapes every rule shares: a hard rule is a predicate plus its model constraint; an aim
returns named costs for its stage and recomputes its value from a plan without a solver."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from solver.instance import Instance
from solver.rules.facts import FamilyDemand, WorkerState
from solver.solution import Solution

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from solver.variables import Variables

# What a hard rule is about, which decides who asks it:
ELIGIBILITY = "eligibility"  # who may lead the family at all, whatever else the week holds
CAP = "cap"  # what the worker already holds this week (rules 5 and 7)
PLAN = "plan"  # the plan as a whole (one lead, fixed worker, maximality, forced choices)


@dataclass(frozen=True, slots=True)
class ModelContext:
    """What a rule or an aim adds its constraints or terms to."""

    model: cp_model.CpModel
    variables: Variables
    instance: Instance
    require: Mapping[str, str] = field(default_factory=dict)  # the manager's forced choices


@dataclass(frozen=True, slots=True)
class Term:
    """One named cost of an aim: `cost × expr`, minimised; read back as a penalty when > 0."""

    rule: str  # the sentence a manager reads when this term bites
    expr: cp_model.LinearExprT
    cost: int = 1
    family_id: str | None = None
    worker_id: str | None = None


@dataclass(frozen=True, slots=True)
class WeekExprs:
    """One worker's week in any CP-SAT model, as the cap rules constrain it.

    `worker` is their state before the week; `receives` a literal true when they receive a
    family not fixed to them; `weight` and `court` the new weight and court families they
    receive (fixed ones included), as linear expressions of that model's variables.

    `fixed_weight` and `fixed_court`, when a model knows them, bound `weight` and `court`
    while `receives` is false (only fixed families arrive then). With them a cap is one
    linear inequality, `weight <= fixed + (room - fixed) x receives`, which is the enforced
    one when `receives` is true and implied when it is false, but whose LP relaxation sees
    the team's total room (a rebalance proof 2x faster). Without them: enforced constraints.
    """

    worker: WorkerState
    receives: cp_model.IntVar
    weight: cp_model.LinearExprT
    court: cp_model.LinearExprT
    fixed_weight: int | None = None
    fixed_court: int | None = None


Check = Callable[[WorkerState, FamilyDemand], "str | None"]
Constrain = Callable[["cp_model.CpModel", WeekExprs], None]
Breaks = Callable[["cp_model.CpModel", WeekExprs, FamilyDemand], "cp_model.IntVar"]
Audit = Callable[[Instance, Solution], list[str]]


def always_fits(worker: WorkerState, family: FamilyDemand) -> str | None:
    """The predicate of a rule about the plan as a whole: no single pair breaks it."""
    return None


def no_constraint(context: ModelContext) -> None:
    """The model constraint of an eligibility rule: the pair simply has no variable."""


@dataclass(frozen=True, slots=True)
class HardRule:
    """A rule never broken: one predicate and the constraint that enforces it in the model.

    `check(worker, family)` is None when the rule lets `worker` (in their current state)
    take `family`, else the sentence a manager reads. `build(context)` adds the rule to the
    allocation model. A cap rule also states itself for any model: `constrain(model, week)`
    adds it for one worker's week, and `breaks(model, week, family)` gives a literal that
    may be true only when adding `family` on top of that week would break the rule
    (maximality: an unallocated family must break something for every worker).
    `audit(instance, solution)` checks a finished plan without a solver; a rule about pairs
    needs none (the validator asks `check` of every allocated pair).
    """

    name: str
    number: str  # the spec's numbering ("5"), or "" for a rule the spec states as an aim
    kind: str  # ELIGIBILITY, CAP or PLAN
    check: Check = always_fits
    build: Callable[[ModelContext], None] = no_constraint
    constrain: Constrain | None = None
    breaks: Breaks | None = None
    audit: Audit | None = None

    def fits(self, worker: WorkerState, family: FamilyDemand) -> bool:
        """Whether this rule lets `worker` take `family`."""
        return self.check(worker, family) is None


@dataclass(frozen=True, slots=True)
class Aim:
    """A soft aim optimised in its own stage.

    `build(context)` returns its terms, built just before its stage (empty = no stage);
    `value(instance, solution)` recomputes its cost from the plan alone, without a solver
    (the validator checks that the two agree). `pairing` aims (aim 5) are finished by their
    own model after the lead plan is fixed.
    """

    name: str
    build: Callable[[ModelContext], list[Term]]
    value: Callable[[Instance, Solution], int]
    pairing: bool = False
