"""The Rebalance view on the demo workspace: reached from the Team view, run, stepped, accepted."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.domain import Child, ChildId, FamilyId, TeamName, WorkerId
from fsp_allocator.rebalance.result import (
    ChildMove,
    FrontierLine,
    RebalanceResult,
    UnplacedChild,
)
from fsp_allocator.workspace import open_default_workspace
from ui.app import create_window
from ui.dialogs import confirm_rebalance
from ui.dialogs.override_reason import OverrideReasonDialog
from ui.main_window import MainWindow
from ui.models.rebalance_models import TO_COLUMN, MovesModel, UnplacedModel, move_rows
from ui.qt import QApplication, Qt
from ui.views.rebalance_view import RebalanceView

LEAVER = WorkerId("T01-W05")
TEAM = TeamName("FSP Banbury")
SOLVE_MS = 90_000


@pytest.fixture
def window(qtbot: QtBot, workspace_file: Path) -> Iterator[MainWindow]:
    main = create_window(open_default_workspace())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.runner.cancel()
    main.runner.wait(10_000)
    main.session.workspace.close()


def _move(child: str, family: str, to: str, forced: bool, ratio_to: float) -> ChildMove:
    return ChildMove(
        ChildId(child),
        FamilyId(family),
        LEAVER if forced else WorkerId("T01-W07"),
        WorkerId(to),
        forced,
        False,
        1.0,
        ("Yusuf Smith left on 26 November 2026", "Had room"),
        TEAM,
        0.8,
        ratio_to,
    )


def _result(moves: tuple[ChildMove, ...], frontier: tuple[FrontierLine, ...]) -> RebalanceResult:
    unplaced = (UnplacedChild(ChildId("T01-C0099"), FamilyId("T01-F099"), LEAVER, "All full"),)
    return RebalanceResult("OPTIMAL", date(2026, 11, 30), 0.1, 2, (), moves, unplaced, (), frontier)


@dataclass(frozen=True)
class FakePlans:
    """Three frontier points: forced moves only, then one voluntary move that helps."""

    plans: tuple[RebalanceResult, ...]

    @property
    def frontier(self) -> tuple[FrontierLine, ...]:
        return self.plans[0].frontier

    @property
    def max_moves(self) -> int:
        return len(self.plans) - 1

    def result(self, moves: int | None = None) -> RebalanceResult:
        return self.plans[-1 if moves is None else moves]


def fake_plans() -> FakePlans:
    frontier = (
        FrontierLine(TEAM, 0, 1.31, 3, True, 0),
        FrontierLine(TEAM, 1, 1.12, 2, True, 1, chosen=True),
        FrontierLine(TEAM, 2, 1.12, 2, False, 1),
    )
    forced = (_move("T01-C0042", "T01-F020", "T01-W04", True, 1.31),)
    voluntary = (*forced, _move("T01-C0001", "T01-F001", "T01-W09", False, 0.95))
    return FakePlans(
        (_result(forced, frontier), _result(voluntary, frontier), _result(voluntary, frontier))
    )


def _open_for_leaver(window: MainWindow) -> RebalanceView:
    team = window.team_view
    row = team.model.row_of(LEAVER)
    team.table.setCurrentIndex(team.proxy.mapFromSource(team.model.index(row, 0)))
    team.rehome_action.trigger()
    return window.rebalance_view


def _change_meanwhile(
    window: MainWindow, moved: ChildMove, monkeypatch: pytest.MonkeyPatch
) -> tuple[Child, ...]:
    """Give the moved child another worker, as another window would, and confirm the next
    accept; returns the workspace's children as they stand, which the refusal must keep."""
    child = next(c for c in window.session.data.children if c.child_id == moved.child_id)
    assert window.session.save_child(replace(child, worker_id=WorkerId("T01-W01")))
    monkeypatch.setattr(confirm_rebalance, "ask", lambda _p, _t: True)
    return window.session.workspace.load().children


def _run(view: RebalanceView, qtbot: QtBot, press: str = "find") -> None:
    with qtbot.waitSignal(view.runner.finished, timeout=SOLVE_MS):
        view.buttons[press].click()


def test_models_pass_the_model_tester(qtmodeltester: Any, window: MainWindow) -> None:
    data = window.session.data
    result = fake_plans().result()
    moves = MovesModel(lambda _f, _w: True)
    moves.set_moves(move_rows(data, result, {FamilyId("T01-F001"): None}))
    qtmodeltester.check(moves)
    unplaced = UnplacedModel()
    unplaced.set_result(data, result)
    qtmodeltester.check(unplaced)
    assert moves.rowCount() == 2 and unplaced.rowCount() == 1
    assert moves.index(1, TO_COLUMN).data() == "(kept with Dev Hughes)"


def test_the_banner_names_the_demo_leaver_and_opens_the_view(window: MainWindow) -> None:
    banner = window.team_view.banner
    assert not banner.isHidden()
    assert "Yusuf Smith left on 26 November" in banner.text.text()
    banner.button.click()
    assert window.tabs.currentWidget() is window.rebalance_view
    assert window.rebalance_view.controls.released() == (LEAVER,)


def test_re_home_from_the_team_view_pre_fills_the_release(window: MainWindow) -> None:
    view = window.rebalance_view
    view.controls.release([WorkerId("T01-W01")])
    assert _open_for_leaver(window) is view
    assert window.tabs.currentWidget() is view
    assert view.controls.released() == (LEAVER,)
    assert view.controls.max_moves() == 5


def test_running_re_homes_the_leavers_families(window: MainWindow, qtbot: QtBot) -> None:
    view = _open_for_leaver(window)
    _run(view, qtbot)
    rows = view.moves_model.rows
    assert rows and all(r.move.from_worker_id == LEAVER and r.move.forced for r in rows)
    assert "worst caseload" in view.point_label.text()
    assert view.slider.maximum() == 5 and view.slider.isEnabled()
    assert view.chart.marked() is not None
    assert view.buttons["accept"].isEnabled() and not view.buttons["cancel"].isEnabled()


def test_cancel_stops_the_search_and_frees_the_buttons(window: MainWindow, qtbot: QtBot) -> None:
    view = _open_for_leaver(window)
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_MS):
        view.buttons["find"].click()
        assert view.buttons["cancel"].isEnabled() and not view.buttons["find"].isEnabled()
        view.buttons["cancel"].click()
    assert not view.buttons["cancel"].isEnabled() and view.buttons["find"].isEnabled()
    assert view.plans is not None and view.plans.result().cancelled
    assert view.progress_label.text().endswith("(cancelled)")
    assert view.slider.maximum() < 5  # the points solved before Cancel only


def test_the_slider_changes_the_moves_shown_and_the_text(window: MainWindow) -> None:
    view = window.rebalance_view
    view.show_plans(fake_plans())
    assert view.slider.value() == 1  # the fewest moves reaching the best balance
    assert view.moves_model.rowCount() == 2
    assert view.point_label.text().startswith("1 voluntary move(s) bring the worst caseload")
    assert "from 131% to 112%" in view.point_label.text()
    view.slider.setValue(0)
    assert view.moves_model.rowCount() == 1
    assert "no voluntary move" in view.point_label.text()
    assert view.chart.marked() == (0.0, 131.0)
    view.slider.setValue(2)
    assert "Not proven the best" in view.point_label.text()


def test_a_changed_move_is_kept_when_re_optimising(window: MainWindow, qtbot: QtBot) -> None:
    view = _open_for_leaver(window)
    _run(view, qtbot)
    row = view.moves_model.rows[0]
    other = next(w for w, _ in row.candidates if w and w != row.move.to_worker_id)
    index = view.proxy.mapFromSource(view.moves_model.index(0, TO_COLUMN))
    assert view.proxy.setData(index, other, Qt.ItemDataRole.EditRole)
    assert view.choices == {row.move.family_id: WorkerId(other)}
    changed = view.moves_model.row_of(str(row.move.child_id))
    assert view.moves_model.index(changed, TO_COLUMN + 1).data() == "forced, your choice"
    assert view.buttons["reoptimise"].isEnabled()
    _run(view, qtbot, "reoptimise")
    family = [r for r in view.moves_model.rows if r.move.family_id == row.move.family_id]
    assert family and all(r.move.to_worker_id == other and r.yours for r in family)


def test_accept_records_the_moves(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _open_for_leaver(window)
    _run(view, qtbot)
    first = view.moves_model.rows[0]
    view.table.setCurrentIndex(view.proxy.mapFromSource(view.moves_model.index(0, 0)))
    assert view.keep_selected()  # undo one move: that family stays with its worker
    asked: list[Any] = []

    def confirm(_parent: object, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(confirm_rebalance, "ask", confirm)
    monkeypatch.setattr(
        OverrideReasonDialog, "ask", classmethod(lambda _c, _p, o: {f: "Knows them" for f, *_ in o})
    )
    kept = sum(1 for r in view.moves_model.rows if r.move.family_id == first.move.family_id)
    expected = {
        r.move.child_id: r.move.to_worker_id
        for r in view.moves_model.rows
        if r.move.family_id != first.move.family_id
    }
    assert view.accept()
    assert asked and "changed by you" in asked[0]
    children = {c.child_id: c for c in window.session.workspace.load().children}
    assert all(children[c].worker_id == w for c, w in expected.items())
    assert children[first.move.child_id].worker_id == LEAVER
    team = window.team_view.model
    leaver = team.rows[team.row_of(LEAVER)]
    assert leaver.load.children == kept
    assert view.plans is None
    history = window.history_view.decisions
    texts = [history.index(r, 3).data() for r in range(history.rowCount())]
    assert any(t.startswith("moved from Yusuf Smith to ") for t in texts)
    assert "kept with Yusuf Smith" in texts


def test_a_conflicting_accept_shows_the_sentence_and_saves_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _open_for_leaver(window)
    _run(view, qtbot)
    before = _change_meanwhile(window, view.moves_model.rows[0].move, monkeypatch)
    assert not view.accept()
    assert window.last_error.startswith("The rebalance was not recorded.")
    assert len(window.last_error) > len("The rebalance was not recorded. ")
    assert window.session.workspace.load().children == before
    assert view.plans is not None
    assert window.session.workspace.pending_rebalance() is None  # nothing left pending


def test_the_keyboard_reaches_runs_cancels_and_undoes(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    team = window.team_view
    team.table.setFocus()
    row = team.model.row_of(LEAVER)
    team.table.setCurrentIndex(team.proxy.mapFromSource(team.model.index(row, 0)))
    qtbot.keyClick(
        team.table,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = window.rebalance_view
    assert window.tabs.currentWidget() is view and view.controls.released() == (LEAVER,)
    assert view.controls.moves.hasFocus()
    with qtbot.waitSignal(window.runner.finished, timeout=SOLVE_MS):
        qtbot.keyClick(view.controls.moves, Qt.Key.Key_Return)
        assert window.runner.running and window.runner.name == "rebalance"
        qtbot.keyClick(view.controls.moves, Qt.Key.Key_Escape)
    assert view.plans is not None and view.buttons["find"].isEnabled()
    _run(view, qtbot)
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.mapFromSource(view.moves_model.index(0, 0)))
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert view.choices == {view.moves_model.rows[0].move.family_id: None}
    view.controls.workers.setFocus()
    qtbot.keyClick(view.controls.workers, Qt.Key.Key_Tab)
    assert view.controls.moves.hasFocus()


def test_a_refused_accept_shows_the_rule_and_saves_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _open_for_leaver(window)
    _run(view, qtbot)
    row = view.moves_model.rows[0]
    other = WorkerId(next(w for w, _ in row.candidates if w and w != row.move.to_worker_id))
    assert view.choose(row.move.family_id, other)
    chosen = window.session.data.worker(other)
    assert chosen is not None
    gone = replace(chosen, available_to=window.session.data.settings.week - timedelta(days=7))
    assert window.session.save_worker(gone)  # the chosen worker leaves before the accept
    before = window.session.workspace.load().children
    monkeypatch.setattr(confirm_rebalance, "ask", lambda _p, _t: True)
    monkeypatch.setattr(
        OverrideReasonDialog, "ask", classmethod(lambda _c, _p, o: {f: "Knows them" for f, *_ in o})
    )
    assert not view.accept()
    assert window.last_error.startswith("The rebalance was not recorded. Not accepted")
    assert chosen.name in window.last_error
    assert window.session.workspace.load().children == before


def test_a_choice_a_hard_rule_refuses_is_not_taken(window: MainWindow, qtbot: QtBot) -> None:
    view = _open_for_leaver(window)
    _run(view, qtbot)
    family = view.moves_model.rows[0].move.family_id
    assert not view.choose(family, WorkerId("T01-W10"))  # a family support worker cannot lead
    assert view.choices == {}
    assert window.last_error.startswith("Not changed.")


def test_the_roster_context_menu_offers_re_homing(window: MainWindow) -> None:
    team = window.team_view
    row = team.proxy.mapFromSource(team.model.index(team.model.row_of(LEAVER), 1))
    menu = team.context_menu(team.table.visualRect(row).center())
    assert menu is not None
    action = menu.actions()[0]
    assert action.text() == "Re-home this caseload…"
    action.trigger()
    assert window.tabs.currentWidget() is window.rebalance_view
    assert window.rebalance_view.controls.released() == (LEAVER,)


def test_a_point_no_better_than_none_says_so() -> None:
    from ui.frontier import point_text, points

    frontier = points(
        (FrontierLine(TEAM, 0, 1.1917, 7, True, 0), FrontierLine(TEAM, 1, 1.1917, 7, True, 0))
    )
    assert point_text(frontier, 1).startswith(
        "Up to 1 voluntary move(s) do not lower the worst caseload: it is 119.2% (119.2% with none)"
    )


def test_a_higher_worst_load_for_more_moves_says_the_moves_rehome_a_family() -> None:
    """The demo after its week: one move makes room for a released family, and the worst
    caseload rises from 119.2% to 119.7%; the sentence and the best point say why."""
    from ui.frontier import fewest_for_best, point_text, points

    frontier = points(
        (
            FrontierLine(TEAM, 0, 1.1917, 7, True, 0, unplaced_families=2),
            FrontierLine(TEAM, 1, 1.1967, 7, True, 1, 1, chosen=True, rehomed_better=True),
            FrontierLine(TEAM, 2, 1.1967, 7, True, 1, 1, rehomed_better=True),
        )
    )
    assert point_text(frontier, 0).endswith(
        "2 released family(ies) fit nowhere and stay with their worker."
    )
    assert point_text(frontier, 1) == (
        "1 voluntary move(s) make room and re-home 1 more of the released families (1 still "
        "left with their worker); the worst caseload is then 119.7% (119.2% with none); "
        "7 worker(s) above capacity."
    )
    assert fewest_for_best(frontier) == 1


@pytest.fixture
def pending_window(
    qtbot: QtBot, workspace_file: Path
) -> Iterator[tuple[MainWindow, RebalanceResult]]:
    """A window opened on a workspace where the command line kept a rebalance pending."""
    from fsp_allocator.workspace.rebalancing import propose_rebalance

    workspace = open_default_workspace()
    propose_rebalance(workspace, max_moves=0)
    pending = workspace.pending_rebalance()
    assert pending is not None and pending.moves
    main = create_window(workspace)
    qtbot.addWidget(main)
    yield main, pending
    main.session.workspace.close()


def test_a_rebalance_pending_from_the_command_line_is_reviewed_and_accepted_in_the_view(
    pending_window: tuple[MainWindow, RebalanceResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    main, pending = pending_window
    view = main.rebalance_view
    assert "is pending: Review the pending plan to accept it here" in view.summary.text()
    assert not view.buttons["pending"].isHidden()
    assert view.review_pending()
    assert view.current() == pending
    assert view.moves_model.rowCount() == len(pending.moves)
    assert view.buttons["accept"].isEnabled() and not view.buttons["reoptimise"].isEnabled()
    monkeypatch.setattr(confirm_rebalance, "ask", lambda _p, _t: True)
    assert view.accept()
    assert main.session.workspace.pending_rebalance() is None
    held = {c.child_id: c.worker_id for c in main.session.workspace.load().children}
    assert all(held[m.child_id] == m.to_worker_id for m in pending.moves)
    assert view.current() is None


def test_a_pending_rebalance_made_stale_meanwhile_is_refused_and_stays_pending(
    pending_window: tuple[MainWindow, RebalanceResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    main, pending = pending_window
    view = main.rebalance_view
    assert view.review_pending()
    before = _change_meanwhile(main, pending.moves[0], monkeypatch)
    assert not view.accept()
    assert main.last_error.startswith("The rebalance was not recorded.")
    assert main.session.workspace.load().children == before
    assert main.session.workspace.pending_rebalance() is not None  # the command line's is kept


def test_several_teams_each_get_their_own_line_beside_the_worst(qtbot: QtBot) -> None:
    from ui.frontier import points, team_points
    from ui.views.frontier_chart import FrontierChart

    lines = (
        FrontierLine(TEAM, 0, 1.30, 3, True, 0),
        FrontierLine(TEAM, 1, 1.20, 2, True, 1),
        FrontierLine(TeamName("South"), 0, 1.10, 1, True, 0),
        FrontierLine(TeamName("South"), 1, 1.05, 0, True, 1),
    )
    chart = FrontierChart()
    qtbot.addWidget(chart)
    chart.show_points(points(lines), team_points(lines))
    drawn = {
        s.name(): [(s.at(i).x(), round(s.at(i).y(), 6)) for i in range(s.count())]
        for s in chart.team_lines
    }
    assert drawn[str(TEAM)] == [(0.0, 130.0), (1.0, 120.0)]
    assert drawn["South"] == [(0.0, 110.0), (1.0, 105.0)]
    shown = {s.name() for s in chart.chart().series()}
    assert {str(TEAM), "South", "Worst load, all teams"} <= shown
    chart.show_points(points(lines[:2]), team_points(lines[:2]))
    assert not chart.team_lines


def test_a_move_that_rehomes_a_more_urgent_family_instead_says_so() -> None:
    """Same number left unplaced, but a more urgent family re-homed (aim 1 lower): the
    worst caseload may rise and the sentence must say why; the slider starts there."""
    from ui.frontier import fewest_for_best, point_text, points

    frontier = points(
        (
            FrontierLine(TEAM, 0, 1.189, 7, True, 0, 4),
            FrontierLine(TEAM, 1, 1.200, 7, True, 1, 4, rehomed_better=True),
            FrontierLine(TEAM, 2, 1.192, 7, True, 2, 4, chosen=True, rehomed_better=True),
            FrontierLine(TEAM, 3, 1.192, 7, True, 2, 4, rehomed_better=True),
        )
    )
    assert "re-home the released families better: more urgent or longer-waiting" in (
        point_text(frontier, 1)
    )
    assert "(4 still left with their worker)" in point_text(frontier, 1)
    assert fewest_for_best(frontier) == 2
