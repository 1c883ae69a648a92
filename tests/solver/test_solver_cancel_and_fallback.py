"""Cancel returns the best plan so far; a limit with nothing found falls back to greedy."""

from __future__ import annotations

from solver_builders import assert_valid, random_instance

from solver import CancelToken, Progress, SolverConfig, SolveStatus, greedy_plan, solve


def test_cancel_before_the_solve_returns_the_greedy_plan() -> None:
    instance = random_instance(21)
    token = CancelToken()
    token.cancel()
    solution = solve(instance, cancel=token)
    assert solution.cancelled and solution.used_fallback
    assert solution.message.startswith("Cancelled")
    assert solution.status is SolveStatus.FEASIBLE
    assert dict(solution.assignment) == greedy_plan(instance)
    assert_valid(instance, solution)


def test_cancel_during_the_solve_keeps_the_best_plan_so_far() -> None:
    instance = random_instance(22)
    token = CancelToken()
    stages: list[str] = []

    def on_progress(progress: Progress) -> None:
        stages.append(progress.stage)
        if progress.solutions >= 1:
            token.cancel()

    solution = solve(instance, progress=on_progress, cancel=token)
    assert solution.cancelled
    assert solution.status is SolveStatus.FEASIBLE
    assert not solution.used_fallback
    assert_valid(instance, solution)
    assert len(set(stages)) < 5  # stopped in an early stage, not after all aims


def test_nothing_found_in_time_falls_back_to_the_greedy_plan() -> None:
    instance = random_instance(23)
    solution = solve(instance, SolverConfig(time_limit_seconds=0.0))
    assert solution.used_fallback and not solution.cancelled
    assert solution.status is SolveStatus.FEASIBLE
    assert dict(solution.assignment) == greedy_plan(instance)
    assert solution.bound == 0 < solution.objective
    assert_valid(instance, solution)


def test_nothing_found_and_no_fallback_is_timeout_no_solution() -> None:
    instance = random_instance(23)
    config = SolverConfig(deterministic_time_limit=0.0, use_fallback=False)
    solution = solve(instance, config)
    assert solution.status is SolveStatus.TIMEOUT_NO_SOLUTION
    assert set(solution.assignment.values()) == {None}
    assert_valid(instance, solution)


def test_progress_reports_every_stage_in_order() -> None:
    instance = random_instance(24)
    seen: list[Progress] = []
    solution = solve(instance, progress=seen.append)
    assert solution.status is SolveStatus.OPTIMAL
    indices = [p.stage_index for p in seen]
    assert indices == sorted(indices)
    assert indices[-1] == seen[0].stage_count - 1
    assert seen[-1].gap == 0
    assert solution.objective == solution.bound
