"""Rebalance in the core: which families move, the rules for receivers, reasons, and that
every forced child is in `moves` or `unplaced`, never both. Each solve is validated."""

from __future__ import annotations

from datetime import date

from test_allocation_builders import WEEK, child, team_data, worker

from fsp_allocator.domain import Role, Stage, TeamData, WorkerId
from fsp_allocator.rebalance.builder import prepare_rebalance
from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.rebalance.service import rebalance
from solver.rebalance import solve_rebalance, validate_rebalance


def _checked(data: TeamData, release: tuple[str, ...] = (), k: int = 0) -> RebalanceResult:
    """Rebalance, after checking every team's frontier with the solver-free validator."""
    ids = tuple(WorkerId(w) for w in release)
    for team in prepare_rebalance(data, ids, k).teams:
        assert validate_rebalance(team.instance, solve_rebalance(team.instance)) == []
    result = rebalance(data, ids, k)
    forced_children = {
        c.child_id
        for c in data.open_children()
        if c.worker_id in result.released
        or any(
            w.worker_id == c.worker_id and (not w.role.leads or (w.available_to or WEEK) < WEEK)
            for w in data.workers
        )
    }
    moved = {m.child_id for m in result.moves if m.forced}
    unplaced = {u.child_id for u in result.unplaced}
    assert moved.isdisjoint(unplaced)
    assert moved | unplaced == forced_children
    return result


def test_release_column_and_option_and_leavers_and_non_leads_are_forced() -> None:
    data = team_data(
        [
            worker("R", release=True),
            worker("O"),
            worker("L", available_to=date(2026, 11, 1)),
            worker("F", Role.FSW),
            worker("A"),
            worker("B"),
        ],
        [
            child("c1", "f1", lead="R"),
            child("c2", "f2", lead="O"),
            child("c3", "f3", lead="L"),
            child("c4", "f4", lead="F"),
            child("c5", "f5", lead="A"),
        ],
    )
    result = _checked(data, release=("O",))
    assert {m.child_id for m in result.moves} == {"c1", "c2", "c3", "c4"}
    assert all(m.to_worker_id in ("A", "B") for m in result.moves)
    reasons = {str(m.child_id): m.reasons[0] for m in result.moves}
    assert reasons["c1"] == "Name R's caseload is released by the manager"
    assert reasons["c3"] == "Name L left on 1 November 2026"
    assert "family support worker" in reasons["c4"]


def test_leaver_with_a_date_says_when_they_leave() -> None:
    data = team_data(
        [worker("J", release=True, available_to=date(2026, 11, 27)), worker("S")],
        [child("c1", "f1", lead="J")],
    )
    result = _checked(data)
    assert result.moves[0].reasons[0] == "Name J leaves on 27 November 2026"
    assert "Name S goes from 0% to" in result.moves[0].reasons[-1]


def test_siblings_come_together_with_the_other_lead_over_the_caps_with_a_warning() -> None:
    data = team_data(
        [worker("J", release=True), worker("S", capacity=2.0), worker("E")],
        [
            child("c1", "f1", Stage.CP, lead="J"),
            child("c2", "f1", Stage.CP, lead="S"),
            child("c3", "f9", Stage.CIN, lead="S"),
        ],
    )
    result = _checked(data)
    (move,) = result.moves
    assert move.to_worker_id == "S" and move.continuity
    assert "Name S already works with this family's other children" in move.reasons
    assert any("over the caps" in w and "the ceiling is 120%" in w for w in result.warnings)


def test_previous_worker_is_kept_and_exclusions_asye_and_court_cap_hold() -> None:
    data = team_data(
        [
            worker("J", release=True),
            worker("P"),
            worker("Y", Role.ASYE),
            worker("X"),
            worker("C", court_cap=0),
        ],
        [
            child("c1", "f1", Stage.CIN, lead="J", previous_worker_id=WorkerId("P")),
            child("c2", "f2", Stage.PLO, lead="J", exclude_worker_ids=(WorkerId("X"),)),
        ],
    )
    result = _checked(data)
    to = {str(m.child_id): m.to_worker_id for m in result.moves}
    assert to["c1"] == "P"
    assert "Name P has worked with this family before" in result.moves[0].reasons
    assert to["c2"] == "P"  # not the ASYE, not the excluded X, not C at a court cap of 0


def test_unplaced_family_names_who_was_full_at_the_court_cap_or_excluded() -> None:
    data = team_data(
        [
            worker("J", release=True),
            worker("Full", capacity=1.0),
            worker("Court", court_cap=1),
            worker("Excl"),
        ],
        [
            child("c1", "f1", Stage.COURT, lead="J", exclude_worker_ids=(WorkerId("Excl"),)),
            child("c2", "f2", Stage.CIN, lead="Full"),
            child("c3", "f3", Stage.PLO, lead="Court"),
        ],
    )
    result = _checked(data)
    (unplaced,) = result.unplaced
    assert unplaced.child_id == "c1" and unplaced.from_worker_id == "J"
    assert "full: Name Full would go to 350% of capacity; the ceiling is 120%" in unplaced.reason
    assert "Name Court is at the court cap (1 of 1)" in unplaced.reason
    assert "Name Excl is excluded from this family by the manager" in unplaced.reason
    assert unplaced.reason.endswith("It stays with Name J in the record.")


def test_voluntary_moves_relieve_overload_but_never_court_pinned_or_shared_families() -> None:
    data = team_data(
        [worker("Over", capacity=4.0), worker("Low"), worker("Other")],
        [
            child("c1", "f1", Stage.CIN, lead="Over"),
            child("c2", "f2", Stage.PLO, lead="Over"),
            child("c3", "f3", Stage.CIN, lead="Over", pin_worker_id=WorkerId("Over")),
            child("c4", "f4", Stage.CIN, lead="Over"),
            child("c5", "f4", Stage.CIN, lead="Other"),
            child("c6", "f6", Stage.CIN, lead="Over"),
        ],
    )
    assert _checked(data, k=0).moves == ()
    result = _checked(data, k=3)
    moved = {m.family_id for m in result.moves}
    assert moved and moved <= {"f1", "f6"}
    assert all(not m.forced and m.from_worker_id == "Over" for m in result.moves)
    points = [f for f in result.frontier]
    assert [p.moves for p in points] == [0, 1, 2, 3]
    assert points[-1].max_load_ratio < points[0].max_load_ratio


def test_new_cases_are_left_for_allocate() -> None:
    data = team_data(
        [worker("J", release=True), worker("S")],
        [child("c1", "f1", lead="J"), child("n1", "f2")],
    )
    result = _checked(data)
    assert {m.child_id for m in result.moves} == {"c1"}
    assert all(u.child_id != "n1" for u in result.unplaced)
