"""The rule registry and the faster stage models changed no optimum.

`data/optima_before_registry.json` holds every aim's value on 60 random teams, recorded
with the engine as it was before the refactor; each solve must reach the same values, keep
every hard rule and state every aim truly (the validator recomputes them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from solver_builders import assert_valid, random_instance

from solver import solve

RECORDED = json.loads((Path(__file__).parent / "data" / "optima_before_registry.json").read_text())


@pytest.mark.parametrize("key", sorted(RECORDED)[::2])  # half of them: the suite stays fast
def test_same_optimum_as_before_the_registry(key: str) -> None:
    seed, workers, families = (int(part) for part in key.split(":"))
    instance = random_instance(seed, workers, families)
    solution = solve(instance)
    assert_valid(instance, solution)
    assert str(solution.status) == RECORDED[key]["status"]
    assert dict(solution.aim_values) == RECORDED[key]["aims"]
