"""Aim 5: adult practitioners of the right role, available and within capacity."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import AdultWorker, Instance, solve


def test_each_role_gets_a_free_practitioner_of_that_role() -> None:
    adults = (
        AdultWorker("DA1", "DA", capacity=10, families=9, available=True),
        AdultWorker("DA2", "DA", capacity=10, families=2, available=True),
        AdultWorker("MH1", "MH", capacity=10, families=0, available=False),
        AdultWorker("MH2", "MH", capacity=10, families=5, available=True),
    )
    instance = Instance(
        "T", (worker("W1", load=0),), (family("F1", ("W1",), adult_roles=("DA", "MH")),), adults
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.adult_assignment == {"F1": ("DA2", "MH2")}


def test_capacity_limits_pairs_and_the_rest_say_why() -> None:
    adults = (AdultWorker("SM1", "SM", capacity=3, families=2, available=True),)
    families = tuple(family(f"F{i}", ("W1",), adult_roles=("SM",)) for i in range(2))
    instance = Instance("T", (worker("W1", load=0),), families, adults)
    solution = solve(instance)
    assert_valid(instance, solution)
    assert sum(len(v) for v in solution.adult_assignment.values()) == 1
    unpaired = [p for p in solution.penalties if p.rule.startswith("No adult practitioner")]
    assert len(unpaired) == 1 and "(SM)" in unpaired[0].rule


def test_kept_practitioner_stays_even_when_full() -> None:
    adults = (
        AdultWorker("DA1", "DA", capacity=5, families=5, available=True),
        AdultWorker("DA2", "DA", capacity=5, families=0, available=True),
    )
    instance = Instance(
        "T",
        (worker("W1", load=0),),
        (family("F1", ("W1",), adult_roles=("DA",), adult_kept=("DA1",)),),
        adults,
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.adult_assignment == {"F1": ("DA1",)}


def test_unallocated_family_is_not_paired() -> None:
    adults = (AdultWorker("DA1", "DA", capacity=5, families=0, available=True),)
    instance = Instance("T", (worker("W1"),), (family("F1", (), adult_roles=("DA",)),), adults)
    solution = solve(instance)
    assert_valid(instance, solution)
    assert dict(solution.adult_assignment) == {}


def test_among_plans_equal_on_aims_1_to_4_the_one_that_pairs_more_wins() -> None:
    # Room for one of two families, equal on every earlier aim; only "b" can be paired.
    adults = (AdultWorker("DA1", "DA", capacity=5, families=0, available=True),)
    lead = worker("W1", capacity=1000, load=1100)  # room for exactly 100
    families = (
        family("a", ("W1",), adult_roles=("MH",)),
        family("b", ("W1",), adult_roles=("DA",)),
    )
    instance = Instance("T", (lead,), families, adults)
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"a": None, "b": "W1"}
    assert solution.adult_assignment == {"b": ("DA1",)}
    assert solution.aim_values["Pair adult practitioners"] == 0
    assert solution.objective == solution.bound
