"""Aim 5: pair each allocated family with the adult practitioners its trio factors call for.

The pairing rule (`may_pair`): a practitioner of the role, available this week and
accepting, below capacity with the new pairs. Kept practitioners (already named for the
family) stay and need no room. Which families are allocated decides what can be paired, so
the lead model's last stage minimises the roles left unpaired with every earlier aim held;
then `solver.adults` finishes the pairing in its own small model.
"""

from __future__ import annotations

from collections.abc import Mapping

from solver.instance import AdultWorker, FamilyUnit, Instance
from solver.rules.terms import Aim, ModelContext, Term
from solver.solution import Penalty, Solution

NAME = "Pair adult practitioners"
PENALTY = "No adult practitioner of the role had room"


def may_pair(adult: AdultWorker, role: str, new_pairs: int = 0) -> bool:
    """Whether `adult` may take one more family for `role` on top of `new_pairs` this week."""
    return adult.role == role and adult.available and adult.families + new_pairs < adult.capacity


def kept_adults(instance: Instance, family: FamilyUnit) -> list[AdultWorker]:
    """The family's already named adult practitioners who are in this instance."""
    adults = {a.id: a for a in instance.adults}
    return [adults[a] for a in dict.fromkeys(family.adult_kept) if a in adults]


def roles_to_pair(instance: Instance, family: FamilyUnit) -> list[str]:
    """The roles the family needs that no kept adult practitioner already covers."""
    covered = {a.role for a in kept_adults(instance, family)}
    return [r for r in dict.fromkeys(family.adult_roles) if r not in covered]


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
        if r not in {roles[a] for a in pairing.get(f, ()) if a in roles}
    )


def penalties(unpaired: tuple[tuple[str, str], ...]) -> tuple[Penalty, ...]:
    """One penalty per role a family could not be paired for."""
    return tuple(Penalty(f"{PENALTY} ({role})", family, None, 1) for family, role in unpaired)


def build(context: ModelContext) -> list[Term]:
    """One term per (family, role) to pair: allocated[f] - the pairs made for it.

    Pairs here mirror `solver.adults.pair_adults`: each new pair needs an allocated family
    and a practitioner `may_pair` allows, all within each practitioner's capacity.
    """
    model, variables, instance = context.model, context.variables, context.instance
    terms: list[Term] = []
    load: dict[str, list[object]] = {a.id: [] for a in instance.adults}
    for family in instance.families:
        for role in roles_to_pair(instance, family):
            options = [a for a in instance.adults if may_pair(a, role)]
            pairs = [model.new_bool_var(f"pair[{family.id},{role},{a.id}]") for a in options]
            model.add(sum(pairs) <= variables.allocated[family.id])
            for adult, var in zip(options, pairs, strict=True):
                load[adult.id].append(var)
            terms.append(Term(PENALTY, variables.allocated[family.id] - sum(pairs), 1, family.id))
    for adult in instance.adults:
        if load[adult.id]:
            model.add(adult.families + sum(load[adult.id]) <= adult.capacity)  # type: ignore[arg-type]
    return terms


def value(instance: Instance, solution: Solution) -> int:
    """The roles allocated families needed that the pairing left without a practitioner."""
    return len(unpaired_of(instance, solution.assignment, solution.adult_assignment))


AIM = Aim(NAME, build, value, pairing=True)
