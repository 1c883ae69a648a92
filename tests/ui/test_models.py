"""Every table model passes qtmodeltester; edits are validated; search and sort work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fsp_allocator.demo import generate
from fsp_allocator.domain import Role, Settings, TeamData, Worker
from fsp_allocator.settings import default_settings
from fsp_allocator.workbook.reader import read_team
from ui.models.caseload_model import CaseloadModel
from ui.models.new_cases_model import NewCasesModel
from ui.models.problems_model import ProblemsModel
from ui.models.roster_model import COLUMNS as ROSTER_COLUMNS
from ui.models.roster_model import RosterModel
from ui.models.settings_model import VALUE_COLUMN, SettingsModel
from ui.models.table_base import SORT_ROLE, SearchProxy
from ui.qt import Qt

WEEK = date(2026, 11, 23)
T = TypeVar("T")


@pytest.fixture(scope="module")
def data() -> TeamData:
    return generate(teams=2, seed=3, week=WEEK)


def recorder(store: list[T]) -> Callable[[T], bool]:
    """A commit function that keeps what it is given and reports it saved."""

    def commit(value: T) -> bool:
        store.append(value)
        return True

    return commit


def column(name: str) -> int:
    return next(i for i, c in enumerate(ROSTER_COLUMNS) if c.header == name)


def test_roster_model_passes_modeltester(qtmodeltester: ModelTester, data: TeamData) -> None:
    model = RosterModel(commit=lambda worker: True)
    model.set_data(data)
    assert model.rowCount() == len(data.workers)
    qtmodeltester.check(model, force_py=True)


def test_an_adult_practitioners_load_says_it_counts_families(data: TeamData) -> None:
    """Issue 15: the adult practitioners' "Weighted load" held a bare count of families."""
    from fsp_allocator.weighting import worker_loads

    model = RosterModel(commit=lambda worker: True)
    model.set_data(data)
    loads = worker_loads(data)
    shown = {
        data.workers[row].worker_id: model.index(row, column("Weighted load")).data()
        for row in range(model.rowCount())
    }
    adults = [w for w in data.workers if not w.role.leads and loads[w.worker_id].capacity > 0]
    assert adults
    for worker in adults:
        load = loads[worker.worker_id]
        assert shown[worker.worker_id] == f"{load.families} families of {load.capacity:g}"
    lead = next(w for w in data.workers if w.role.leads)
    assert "famil" not in shown[lead.worker_id]


def test_caseload_and_new_cases_models_pass_modeltester(
    qtmodeltester: ModelTester, data: TeamData
) -> None:
    caseload, new_cases = CaseloadModel(), NewCasesModel()
    caseload.set_data(data)
    new_cases.set_data(data)
    assert caseload.rowCount() == len(data.open_children())
    assert new_cases.rowCount() == len(data.new_children())
    qtmodeltester.check(caseload, force_py=True)
    qtmodeltester.check(new_cases, force_py=True)
    qtmodeltester.check(SearchProxy(caseload), force_py=True)


def test_settings_and_problem_models_pass_modeltester(
    qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    settings = SettingsModel(commit=lambda s: True)
    settings.set_settings(default_settings(WEEK))
    qtmodeltester.check(settings, force_py=True)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    problems = ProblemsModel()
    problems.set_problems(read_team(bad).problems)
    assert problems.rowCount() >= 1
    qtmodeltester.check(problems, force_py=True)


def test_roster_edit_is_parsed_and_committed(qtbot: QtBot, data: TeamData) -> None:
    committed: list[Worker] = []
    model = RosterModel(commit=recorder(committed))
    model.set_data(data)
    fte = model.index(0, column("FTE"))
    assert model.flags(fte) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(fte, "0,5")  # a decimal comma, as the importer reads it
    assert committed[-1].fte == 0.5
    assert committed[-1].worker_id == data.workers[0].worker_id
    assert model.setData(model.index(0, column("Role")), " asye ")
    assert committed[-1].role is Role.ASYE
    assert not model.flags(model.index(0, column("Load"))) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.parametrize(
    ("header", "value", "words"),
    [
        ("FTE", "1.5", "out of range"),
        ("Role", "boss", "is not a role"),
        ("Available from", "31/02/2026", "not a real date"),
        ("Accepting", "maybe", "not yes or no"),
    ],
)
def test_roster_edit_refused_with_a_sentence(
    qtbot: QtBot, data: TeamData, header: str, value: str, words: str
) -> None:
    committed: list[Worker] = []
    model = RosterModel(commit=recorder(committed))
    model.set_data(data)
    with qtbot.waitSignal(model.edit_rejected) as rejected:
        assert not model.setData(model.index(1, column(header)), value)
    assert words in rejected.args[0]
    assert data.workers[1].worker_id in rejected.args[0]
    assert committed == []


def test_settings_edit_checked_like_the_settings_sheet(qtbot: QtBot) -> None:
    committed: list[Settings] = []
    model = SettingsModel(commit=recorder(committed))
    model.set_settings(default_settings(WEEK))
    row = model.row_of("target_caseload")
    assert model.setData(model.index(row, VALUE_COLUMN), "12")
    assert committed[-1].target_caseload == 12.0
    with qtbot.waitSignal(model.edit_rejected) as rejected:
        assert not model.setData(model.index(row, VALUE_COLUMN), "-3")
    assert "above 0" in rejected.args[0]
    assert len(committed) == 1


def test_search_keeps_rows_with_every_word_and_sort_orders_by_key(data: TeamData) -> None:
    model = CaseloadModel()
    model.set_data(data)
    proxy = SearchProxy(model)
    worker = data.worker(data.open_children()[0].worker_id)  # type: ignore[arg-type]
    assert worker is not None
    proxy.set_search(f"{worker.name.upper()} cp")
    expected = [
        c for c in data.open_children() if c.worker_id == worker.worker_id and c.stage.value == "CP"
    ]
    assert expected
    # every expected child is kept (other rows may match "cp" in another column, e.g. an id)
    kept = {proxy.index(r, 0).data() for r in range(proxy.rowCount())}
    assert {c.child_id for c in expected} <= kept
    assert 0 < proxy.rowCount() < model.rowCount()
    proxy.set_search("")
    weight = 6
    proxy.sort(weight, Qt.SortOrder.DescendingOrder)
    weights = [proxy.index(r, weight).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert weights == sorted(weights, reverse=True)
    assert proxy.rowCount() == model.rowCount()


def test_sort_keeps_persistent_indexes_on_their_rows(data: TeamData) -> None:
    from ui.qt import QPersistentModelIndex

    model = CaseloadModel()
    model.set_data(data)
    child_id = model.index(5, 0).data()
    persistent = QPersistentModelIndex(model.index(5, 0))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert persistent.data() == child_id


def test_factor_codes_are_explained_in_the_cell_tooltip(data: TeamData) -> None:
    from fsp_allocator.factors import describe

    model = CaseloadModel()
    model.set_data(data)
    factors = next(i for i, c in enumerate(model.columns) if c.header == "Factors")
    row = next(
        i for i, r in enumerate(model.rows) if r.child.factors and r.child.factors != ("21",)
    )
    tip = model.index(row, factors).data(Qt.ItemDataRole.ToolTipRole)
    code = model.rows[row].child.factors[0]
    assert f"{code} {describe(code)}" in tip


def test_settings_show_the_reason_behind_each_default() -> None:
    from fsp_allocator.paths import resource_path

    model = SettingsModel()
    model.set_settings(default_settings(WEEK))
    means = next(i for i, c in enumerate(model.columns) if c.header == "What it means")
    text = resource_path("weights.toml").read_text(encoding="utf-8")
    for key in ("target_caseload", "court_cap", "weight_COURT", "weight_factor_11A"):
        tip = model.index(model.row_of(key), means).data(Qt.ItemDataRole.ToolTipRole)
        assert tip and tip.split()[0] in text
        assert tip != model.columns[means].tip
    court = model.index(model.row_of("court_cap"), means).data(Qt.ItemDataRole.ToolTipRole)
    assert "court" in court.lower()


def test_proposal_decisions_and_audit_models_pass_modeltester(
    qtmodeltester: ModelTester, data: TeamData, tmp_path: Path
) -> None:
    from fsp_allocator.allocation.service import propose
    from fsp_allocator.workspace import open_workspace
    from ui.models.history_models import AuditModel, DecisionsModel
    from ui.models.proposal_model import FINAL_COLUMN, ProposalModel
    from ui.review import ProposalReview

    proposal = propose(data)
    review = ProposalReview(data, proposal)
    chosen: list[object] = []
    model = ProposalModel(lambda family, worker: chosen.append((family, worker)))
    model.set_review(review)
    assert model.rowCount() == len(review.rows) > 0
    assert model.flags(model.index(0, FINAL_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(SearchProxy(model), force_py=True)

    workspace = open_workspace(tmp_path / "ws.sqlite")
    try:
        workspace.import_team(data)
        workspace.accept(propose(workspace.load()), {}, {})
        decisions, audit = DecisionsModel(), AuditModel()
        decisions.set_decisions(workspace.decisions(), {w.worker_id: w.name for w in data.workers})
        audit.set_entries(workspace.audit())
    finally:
        workspace.close()
    assert decisions.rowCount() == len(data.new_children())
    assert audit.rowCount() > decisions.rowCount()
    qtmodeltester.check(decisions, force_py=True)
    qtmodeltester.check(audit, force_py=True)


def test_the_history_model_shows_a_move_from_a_to_b(qtbot: QtBot) -> None:
    """A rebalance's decision reads "moved from A to B" in "Allocated to", with the name of a
    worker who has since left the roster."""
    from datetime import UTC, datetime

    from fsp_allocator.workspace import Decision
    from ui.models.history_models import DecisionsModel
    from ui.qt import Qt

    move = Decision(
        week=date(2026, 11, 30),
        child_id="C1",
        family_id="F1",
        worker_id="W2",
        proposed_worker_id="W2",
        decided_by="ann",
        decided_at=datetime(2026, 11, 30, tzinfo=UTC),
        reasons=("Jo Bell left on 26 November 2026",),
        manager_reason=None,
        kind="move",
        from_worker_id="W1",
    )
    model = DecisionsModel()
    model.set_decisions([move], {"W1": "Jo Bell", "W2": "Sam Lee"})
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    column = headers.index("Allocated to")
    assert model.data(model.index(0, column)) == "moved from Jo Bell to Sam Lee"
