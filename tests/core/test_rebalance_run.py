"""`run_rebalance`: any frontier point on demand, and the manager's own choices (change or
undo one move, re-optimise the rest). Every team's frontier passes the solver-free validator."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from test_allocation_builders import child, team_data, worker

import fsp_allocator.rebalance.assemble as assemble_module
import fsp_allocator.rebalance.run as run_module
from fsp_allocator.domain import FamilyId, Role, Stage, TeamData, WorkerId
from fsp_allocator.rebalance.choices import RebalanceChoiceRefused
from fsp_allocator.rebalance.run import RebalanceRun, run_rebalance
from fsp_allocator.rebalance.service import rebalance
from solver.rebalance import validate_rebalance


def _run(
    data: TeamData,
    release: tuple[str, ...] = (),
    k: int = 0,
    choices: Mapping[FamilyId, WorkerId | None] | None = None,
) -> RebalanceRun:
    """Run, then check every team's frontier with the solver-free validator."""
    run = run_rebalance(data, tuple(WorkerId(w) for w in release), k, choices=choices or {})
    for team in run.preparation.teams:
        assert validate_rebalance(team.instance, run.solutions[team.team]) == []
    return run


def _overloaded() -> TeamData:
    return team_data(
        [worker("Over", capacity=2.0), worker("Low"), worker("Other"), worker("J")],
        [
            child("c1", "f1", Stage.CIN, lead="Over"),
            child("c2", "f2", Stage.CIN, lead="Over"),
            child("c3", "f3", Stage.CIN, lead="Over"),
            child("c6", "f6", Stage.CIN, lead="Over"),
            child("j1", "j1", Stage.CIN, lead="J"),
            child("j2", "j2", Stage.CP, lead="J"),
        ],
    )


def _moves(run: RebalanceRun, k: int | None = None) -> dict[str, str]:
    return {str(m.family_id): str(m.to_worker_id) for m in run.result(k).moves}


def test_the_frontier_is_built_once_per_run_not_at_each_slider_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = _run(_overloaded(), ("J",), k=2)
    calls: list[int] = []
    real = assemble_module.frontier_lines

    def counting(*args: object) -> object:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "frontier_lines", counting)
    monkeypatch.setattr(assemble_module, "frontier_lines", counting)
    lines = run.frontier
    for k in (0, 1, 2, None):
        assert run.result(k).frontier is lines
    assert calls == []


def test_result_at_each_frontier_point_and_none_is_what_rebalance_returns() -> None:
    data = _overloaded()
    run = _run(data, ("J",), k=3)
    assert run.max_moves == 3
    assert [line.moves for line in run.frontier] == [0, 1, 2, 3]
    plain = rebalance(data, (WorkerId("J"),), 3)
    assert run.result().moves == plain.moves and run.result().frontier == plain.frontier
    for k in range(4):
        voluntary = [m for m in run.result(k).moves if not m.forced]
        assert len(voluntary) <= k
        assert {m.family_id for m in run.result(k).moves if m.forced} == {"j1", "j2"}
        assert run.result(k).frontier == run.frontier
    assert not [m for m in run.result(0).moves if not m.forced]
    assert [m for m in run.result(3).moves if not m.forced]
    assert run.result(99) == run.result(3)  # beyond the team's max: its last point


def test_a_choice_moves_a_forced_family_to_the_chosen_worker() -> None:
    data = _overloaded()
    free = _moves(_run(data, ("J",)))
    other = "Over" if free["j1"] != "Over" else "Other"
    run = _run(data, ("J",), choices={FamilyId("j1"): WorkerId(other)})
    moves = _moves(run)
    assert moves["j1"] == other and "j2" in moves
    move = next(m for m in run.result().moves if m.family_id == "j1")
    assert any("manager's choice" in r for r in move.reasons)


def test_a_choice_over_the_caps_warns_but_is_honoured_rule_9() -> None:
    data = _overloaded()
    run = _run(data, ("J",), choices={FamilyId("j1"): WorkerId("Over")})
    assert _moves(run)["j1"] == "Over"
    assert any(
        "j1" in w and "the manager's choice, over the caps" in w for w in run.result().warnings
    )


def test_none_keeps_a_forced_family_with_its_worker_and_lists_it_unplaced() -> None:
    data = _overloaded()
    run = _run(data, ("J",), choices={FamilyId("j1"): None})
    result = run.result()
    assert "j1" not in _moves(run) and "j2" in _moves(run)
    (kept,) = [u for u in result.unplaced if u.family_id == "j1"]
    assert kept.from_worker_id == "J"
    assert "kept with Name J by the manager" in kept.reason


def test_none_keeps_a_voluntary_candidate_and_the_rest_is_re_optimised() -> None:
    data = _overloaded()
    free = _run(data, k=1).result(1)
    (voluntary,) = [m for m in free.moves if not m.forced]
    run = _run(data, k=1, choices={voluntary.family_id: None})
    after = run.result(1).moves
    assert voluntary.family_id not in {m.family_id for m in after}
    assert [m for m in after if not m.forced]  # another family moves instead
    assert not [u for u in run.result().unplaced if u.family_id == voluntary.family_id]


def test_a_choice_moves_a_family_that_would_not_have_moved() -> None:
    data = _overloaded()
    run = _run(data, choices={FamilyId("f1"): WorkerId("Low")})
    (move,) = run.result().moves
    assert (move.family_id, move.from_worker_id, move.to_worker_id) == ("f1", "Over", "Low")
    assert "The manager chose to move this family from Name Over" in move.reasons
    assert not move.forced  # no rule forced it: the manager's choice


@pytest.mark.parametrize(
    ("receiver", "rule"),
    [
        ("FSW", "Rule 3"),
        ("Gone", "Rule 4"),
        ("Asye", "Rule 6"),
        ("South", "Rule 8"),
        ("Excl", "Exclusion"),
        ("R", "Released caseload"),
        ("Nobody", "Roster"),
    ],
)
def test_a_choice_that_breaks_a_hard_rule_is_refused_naming_it(receiver: str, rule: str) -> None:
    from datetime import date

    data = team_data(
        [
            worker("J", release=True),
            worker("A"),
            worker("FSW", Role.FSW),
            worker("Gone", available_to=date(2026, 11, 1)),
            worker("Asye", Role.ASYE),
            worker("South", team="South"),
            worker("Excl"),
            worker("R", release=True),
        ],
        [child("c1", "f1", Stage.PLO, lead="J", exclude_worker_ids=(WorkerId("Excl"),))],
    )
    with pytest.raises(RebalanceChoiceRefused) as refused:
        run_rebalance(data, choices={FamilyId("f1"): WorkerId(receiver)})
    message = str(refused.value)
    assert "Family f1" in message
    assert rule.lower() in message.lower() or (rule == "Exclusion" and "exclud" in message)
    assert refused.value.refusals[0].worker_id == receiver


def test_a_choice_for_an_unknown_family_is_refused() -> None:
    with pytest.raises(RebalanceChoiceRefused, match="no open family f9"):
        run_rebalance(_overloaded(), choices={FamilyId("f9"): None})


def test_a_choice_that_would_split_siblings_is_refused() -> None:
    data = team_data(
        [worker("J", release=True), worker("S"), worker("E")],
        [child("c1", "f1", lead="J"), child("c2", "f1", lead="S")],
    )
    with pytest.raises(RebalanceChoiceRefused, match="Rule 2"):
        run_rebalance(data, choices={FamilyId("f1"): WorkerId("E")})
    run = _run(data, choices={FamilyId("f1"): WorkerId("S")})
    assert _moves(run) == {"f1": "S"}


def test_each_frontier_point_counts_the_released_families_it_leaves_unplaced() -> None:
    """A point's count is that point's plan: the manager sees why a worse worst caseload can
    come with more moves (another released family re-homed)."""
    data = team_data(
        [worker("Full", capacity=1.0), worker("Near", capacity=1.5), worker("J")],
        [
            child("f1", "F1", Stage.CIN, lead="Full"),
            child("n1", "N1", Stage.CIN, lead="Near"),
            child("j1", "J1", Stage.CIN, lead="J"),
            child("j2", "J2", Stage.CIN, lead="J"),
        ],
    )
    run = _run(data, ("J",), k=2)
    assert any(line.unplaced_families for line in run.frontier)
    for line in run.frontier:
        families = {u.family_id for u in run.result(line.moves).unplaced}
        assert line.unplaced_families == len(families)


def test_a_frontier_line_says_which_point_was_chosen_and_when_moves_made_room() -> None:
    """One voluntary move (A's family to B) makes room on A for the leaver's court family,
    which B (say an ASYE) may not take: that point re-homes better and is the one chosen."""
    from fsp_allocator.domain import TeamName
    from fsp_allocator.rebalance.assemble import frontier_lines
    from fsp_allocator.rebalance.builder import RebalancePreparation, TeamRebalance
    from solver.rebalance import MovingFamily, RebalanceInstance, TeamWorker, solve_rebalance

    instance = RebalanceInstance(
        "North",
        (
            TeamWorker("A", 1000, 1200, 1150, 0, 3, True),
            TeamWorker("B", 1000, 1200, 500, 0, 3, True),
            TeamWorker("L", 1000, 1200, 300, 1, 3, False),
        ),
        (
            MovingFamily("F", "L", 300, True, True, 0, 0, ("A",)),
            MovingFamily("V", "A", 300, False, False, 3, 0, ("B",)),
        ),
        max_moves=2,
    )
    team = TeamRebalance(TeamName("North"), instance, {})
    preparation = RebalancePreparation((team,), {}, frozenset())
    lines = frontier_lines(preparation, {"North": solve_rebalance(instance)})
    assert [(line.moves, line.unplaced_families) for line in lines] == [(0, 1), (1, 0), (2, 0)]
    assert [line.rehomed_better for line in lines] == [False, True, True]
    assert [line.chosen for line in lines] == [False, True, False]
