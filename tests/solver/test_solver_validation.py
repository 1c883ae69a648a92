"""The validator catches each broken hard rule (so a green solver test means something)."""

from __future__ import annotations

from types import MappingProxyType

from solver_builders import family, worker

from solver import AdultWorker, Instance, Solution, SolveStatus, validate

INSTANCE = Instance(
    "T",
    (worker("W1", capacity=1000, load=1100, court_load=1, court_cap=1), worker("W2", load=0)),
    (
        family("F1", ("W1", "W2"), court=True),
        family("F2", ("W2",), fixed_worker="W2"),
        family("F3", ("W1",), weight=200),
    ),
    (AdultWorker("DA1", "DA", capacity=1, families=1, available=True),),
)


def problems(
    plan: dict[str, str | None], adults: dict[str, tuple[str, ...]] | None = None
) -> list[str]:
    pairing = MappingProxyType(adults or {})
    solution = Solution(SolveStatus.FEASIBLE, MappingProxyType(plan), pairing)
    return validate(INSTANCE, solution)


def test_a_good_plan_passes() -> None:
    assert problems({"F1": "W2", "F2": "W2", "F3": None}) == []


def test_each_broken_rule_is_named() -> None:
    assert any("missing" in p for p in problems({"F1": "W2", "F2": "W2"}))
    assert any("fixed worker" in p for p in problems({"F1": "W2", "F2": None, "F3": None}))
    assert any("ineligible" in p for p in problems({"F1": "W2", "F2": "W2", "F3": "W2"}))
    assert any("Court cap" in p for p in problems({"F1": "W1", "F2": "W2", "F3": None}))
    assert any("Load ceiling" in p for p in problems({"F1": "W2", "F2": "W2", "F3": "W1"}))
    assert any("would fit" in p for p in problems({"F1": None, "F2": "W2", "F3": None}))
    paired: dict[str, tuple[str, ...]] = {"F1": ("DA1",)}
    assert any(
        "above capacity" in p for p in problems({"F1": "W2", "F2": "W2", "F3": None}, paired)
    )
    assert any("not a role" in p for p in problems({"F1": "W2", "F2": "W2", "F3": None}, paired))


def test_a_fixed_family_with_a_worker_who_may_not_lead_it_is_named() -> None:
    # Rules 3, 4, 6, 8 and the exclusions hold for fixed families too (rule 9).
    instance = Instance(
        "T", (worker("W1"), worker("W2")), (family("F1", ("W2",), fixed_worker="W1"),)
    )
    solution = Solution(SolveStatus.FEASIBLE, MappingProxyType({"F1": "W1"}))
    assert validate(instance, solution) == ["Family F1 is fixed to W1, who may not lead it."]
