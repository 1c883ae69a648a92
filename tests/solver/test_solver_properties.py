"""Property tests on random teams: every hard rule holds, and search never loses to greedy."""

from __future__ import annotations

from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st
from solver_builders import assert_valid, random_instance

from solver import CancelToken, Solution, SolveStatus, greedy_plan, solve


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 10**6), workers=st.integers(1, 6), families=st.integers(0, 14))
def test_every_solution_keeps_every_hard_rule(seed: int, workers: int, families: int) -> None:
    instance = random_instance(seed, workers, families)
    solution = solve(instance)
    assert solution.status is SolveStatus.OPTIMAL
    assert_valid(instance, solution)
    assert solution.objective == solution.bound
    assert solution.objective == sum(p.cost for p in solution.penalties)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 10**6), workers=st.integers(1, 6), families=st.integers(0, 14))
def test_greedy_plan_keeps_every_hard_rule(seed: int, workers: int, families: int) -> None:
    instance = random_instance(seed, workers, families)
    plan = greedy_plan(instance)
    assert_valid(instance, Solution(SolveStatus.FEASIBLE, MappingProxyType(plan)))


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_search_is_never_lexicographically_worse_than_greedy(seed: int) -> None:
    instance = random_instance(seed, 5, 12)
    best = solve(instance)
    fallback = solve(instance, cancel=_cancelled())
    assert fallback.used_fallback
    order = [name for name in best.aim_values if name in fallback.aim_values]
    assert [best.aim_values[n] for n in order] <= [fallback.aim_values[n] for n in order]


def _cancelled() -> CancelToken:
    token = CancelToken()
    token.cancel()
    return token
