"""Aim 5, finished: the best adult pairing for a fixed lead plan, in its own small model.

For each allocated family and each role it needs (DA, MH, SM) that no kept practitioner
covers, at most one practitioner `may_pair` allows, each within `families + new pairs <=
capacity`. Kept practitioners stay with the family and need no room. Cost, minimised: 1001
per role left unpaired, plus the highest families ÷ capacity (thousandths) among
practitioners given a new family — so pairing always wins, and ties go to the freer ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.rules.adult_pairing import kept_adults, may_pair, needs, unpaired_of

UNPAIRED_COST = 1001  # more than any ratio in thousandths the tie-break can save


@dataclass(frozen=True, slots=True)
class AdultResult:
    """The pairing, each (family, role) left unpaired, and whether it was proved best."""

    assignment: dict[str, tuple[str, ...]]
    unpaired: tuple[tuple[str, str], ...]
    optimal: bool


def pair_adults(
    instance: Instance,
    assignment: Mapping[str, str | None],
    parameters: cp_model.SatParameters,
) -> AdultResult | None:
    """The best pairing by the aim above, or None if CP-SAT found none within its limits."""
    model = cp_model.CpModel()
    wanted = needs(instance, assignment)
    y: dict[tuple[str, str, str], cp_model.IntVar] = {}
    for family_id, role in wanted:
        options = [a for a in instance.adults if may_pair(a, role)]
        for adult in options:
            y[family_id, role, adult.id] = model.new_bool_var(f"y[{family_id},{role},{adult.id}]")
        model.add_at_most_one(y[family_id, role, a.id] for a in options)
    highest = model.new_int_var(0, 1000, "highest_adult_ratio")
    for adult in instance.adults:
        pairs = [v for (_, _, a), v in y.items() if a == adult.id]
        if not pairs:
            continue
        model.add(adult.families + sum(pairs) <= adult.capacity)
        for var in pairs:
            model.add(
                highest * adult.capacity >= 1000 * (adult.families + sum(pairs))
            ).only_enforce_if(var)
    model.minimize(UNPAIRED_COST * (len(wanted) - sum(y.values())) + highest)
    solver = cp_model.CpSolver()
    solver.parameters.copy_from(parameters)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    result: dict[str, tuple[str, ...]] = {}
    for family in instance.families:
        if assignment.get(family.id) is None:
            continue
        chosen = [a.id for a in kept_adults(instance, family)]
        chosen += [a for (f, _, a), v in y.items() if f == family.id and solver.boolean_value(v)]
        if chosen:
            result[family.id] = tuple(chosen)
    return AdultResult(
        result, unpaired_of(instance, assignment, result), status == cp_model.OPTIMAL
    )
