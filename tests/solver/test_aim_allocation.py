"""Aim 1: allocate as much as fits, the most urgent first, the older referral first."""

from __future__ import annotations

from solver_builders import assert_valid, family, worker

from solver import Instance, solve
from solver.rules.allocation import seniority


def one_slot() -> tuple:
    return (worker("W1", capacity=1000, load=1100),)  # room for exactly 100


def test_more_urgent_family_takes_the_last_room() -> None:
    instance = Instance(
        "T", one_slot(), (family("CIN", ("W1",), urgency=3), family("CP", ("W1",), urgency=0))
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"CIN": None, "CP": "W1"}


def test_within_a_class_the_older_referral_wins() -> None:
    instance = Instance(
        "T", one_slot(), (family("new", ("W1",), rank=3), family("old", ("W1",), rank=0))
    )
    solution = solve(instance)
    assert solution.assignment == {"new": None, "old": "W1"}


def test_two_small_families_beat_one_bigger_older_one() -> None:
    instance = Instance(
        "T",
        one_slot(),
        (
            family("big", ("W1",), weight=100, rank=0),
            family("a", ("W1",), weight=50, rank=1),
            family("b", ("W1",), weight=50, rank=2),
        ),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"big": None, "a": "W1", "b": "W1"}


def test_many_less_urgent_never_buy_one_more_urgent() -> None:
    cin = tuple(family(f"CIN{i}", ("W1",), weight=25, urgency=3) for i in range(4))
    instance = Instance("T", one_slot(), (*cin, family("CLA", ("W1",), weight=100, urgency=1)))
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment["CLA"] == "W1"


def test_the_oldest_referral_beats_two_newer_ones_at_equal_count() -> None:
    instance = Instance(
        "T",
        one_slot(),
        (
            family("r0", ("W1",), weight=70, rank=0),
            family("r1", ("W1",), weight=50, rank=1),
            family("r2", ("W1",), weight=50, rank=2),
            family("r9", ("W1",), weight=30, rank=9),
        ),
    )
    solution = solve(instance)
    assert_valid(instance, solution)
    assert solution.assignment == {"r0": "W1", "r1": None, "r2": None, "r9": "W1"}


def test_seniority_falls_back_to_linear_for_a_huge_class() -> None:
    families = [family(f"F{i}", ("W1",), rank=i) for i in range(60)]
    senior = seniority(families)
    assert senior["F0"] == 60 and senior["F59"] == 1
    exact = seniority(families[:5])
    assert [exact[f"F{i}"] for i in range(5)] == [16, 8, 4, 2, 1]
