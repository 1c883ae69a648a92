"""Aim 5: pair each allocated family with the adult practitioners its trio factors call for.

Its own small model, independent of who leads: for each allocated family and each role it
needs (DA, MH, SM) that no kept practitioner covers, at most one available practitioner of
that role, each within `families + new pairs <= capacity`. Kept practitioners stay with the
family and need no room (they already hold it). Cost, minimised: 1001 per role left
unpaired, plus the highest families ÷ capacity (thousandths) among practitioners given a
new family — so pairing always wins, and ties go to the freer practitioners.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.greedy import kept_adults, roles_to_pair
from solver.instance import Instance
from solver.solution import Penalty
from solver.variables import Variables

NAME = "Pair adult practitioners"
PENALTY = "No adult practitioner of the role had room"
UNPAIRED_COST = 1001  # more than any ratio in thousandths the tie-break can save


@dataclass(frozen=True, slots=True)
class AdultResult:
    """The pairing, each (family, role) left unpaired, and whether it was proved best."""

    assignment: dict[str, tuple[str, ...]]
    unpaired: tuple[tuple[str, str], ...]
    optimal: bool


def needs(instance: Instance, assignment: Mapping[str, str | None]) -> list[tuple[str, str]]:
    """(family id, role) for each role an allocated family still needs, in a stable order."""
    return [
        (f.id, role)
        for f in instance.families
        if assignment.get(f.id) is not None
        for role in roles_to_pair(instance, f)
    ]


def unpaired_of(
    instance: Instance,
    assignment: Mapping[str, str | None],
    pairing: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[str, str], ...]:
    """The needs the pairing leaves without a practitioner."""
    roles = {a.id: a.role for a in instance.adults}
    return tuple(
        (f, r)
        for f, r in needs(instance, assignment)
        if r not in {roles[a] for a in pairing.get(f, ())}
    )


def penalties(unpaired: tuple[tuple[str, str], ...]) -> tuple[Penalty, ...]:
    """One penalty per role a family could not be paired for."""
    return tuple(Penalty(f"{PENALTY} ({role})", family, None, 1) for family, role in unpaired)


def unpaired_in_model(
    model: cp_model.CpModel, variables: Variables, instance: Instance
) -> cp_model.LinearExprT | None:
    """The count of roles left unpaired, in the lead model (None when no family needs one).

    Which families are allocated decides what can be paired, so the lead model's last stage
    minimises this with every earlier aim held: among plans equal on aims 1-4, one that
    pairs more. Pairs here mirror `pair_adults`: kept ones cover their role; each new pair
    needs an allocated family and an available practitioner within capacity.
    """
    unpaired: list[cp_model.LinearExprT] = []
    load: dict[str, list[cp_model.IntVar]] = {a.id: [] for a in instance.adults}
    for family in instance.families:
        for role in roles_to_pair(instance, family):
            options = [
                a
                for a in instance.adults
                if a.role == role and a.available and a.families < a.capacity
            ]
            pairs = [model.new_bool_var(f"pair[{family.id},{role},{a.id}]") for a in options]
            model.add(sum(pairs) <= variables.allocated[family.id])
            for adult, var in zip(options, pairs, strict=True):
                load[adult.id].append(var)
            unpaired.append(variables.allocated[family.id] - sum(pairs))
    for adult in instance.adults:
        if load[adult.id]:
            model.add(adult.families + sum(load[adult.id]) <= adult.capacity)
    return sum(unpaired) if unpaired else None


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
        options = [
            a for a in instance.adults if a.role == role and a.available and a.families < a.capacity
        ]
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
