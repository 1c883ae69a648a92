"""The case form and the override-reason dialog check what the manager types."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from fsp_allocator.demo import generate
from fsp_allocator.domain import FamilyId, Stage, TeamData
from ui.dialogs.child_form import ChildFormDialog
from ui.dialogs.override_reason import OverrideReasonDialog


@pytest.fixture(scope="module")
def data() -> TeamData:
    return generate(teams=1, seed=2, week=date(2026, 11, 23))


def fill(dialog: ChildFormDialog, **values: str) -> None:
    for key, text in values.items():
        dialog.edits[key].setText(text)


def test_case_form_builds_a_checked_child(qtbot: QtBot, data: TeamData) -> None:
    dialog = ChildFormDialog(data)
    qtbot.addWidget(dialog)
    fill(dialog, child_id="NEW-1", family_id="FNEW", factors="3b; 4B", referral_date="01/11/2026")
    dialog.stage.setCurrentIndex(dialog.stage.findData("CP"))
    lead = next(w for w in data.workers if w.role.leads)
    dialog.pin.setCurrentIndex(dialog.pin.findData(lead.worker_id))
    dialog.accept()
    child = dialog.child()
    assert child is not None
    assert (child.child_id, child.family_id, child.stage) == ("NEW-1", "FNEW", Stage.CP)
    assert child.factors == ("3B", "4B")
    assert child.referral_date == date(2026, 11, 1)
    assert child.pin_worker_id == lead.worker_id
    assert child.team == data.teams()[0]
    assert child.is_new


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"child_id": "N2", "family_id": "F", "factors": "8A"}, "Factors"),
        ({"child_id": "N2", "family_id": "F", "referral_date": "1/2/26"}, "Referral date"),
        ({"child_id": "", "family_id": "F"}, "Child id"),
        ({"child_id": "N2", "family_id": "F", "exclude_worker_ids": "NOBODY"}, "NOBODY"),
    ],
)
def test_case_form_stays_open_with_the_problem(
    qtbot: QtBot, data: TeamData, values: dict[str, str], words: str
) -> None:
    dialog = ChildFormDialog(data)
    qtbot.addWidget(dialog)
    fill(dialog, **values)
    dialog.accept()
    assert dialog.child() is None
    assert words in dialog.problem.text()


def test_case_form_refuses_a_child_id_already_held(qtbot: QtBot, data: TeamData) -> None:
    dialog = ChildFormDialog(data)
    qtbot.addWidget(dialog)
    fill(dialog, child_id=data.children[0].child_id, family_id="FX")
    dialog.accept()
    assert dialog.child() is None
    assert "already in the workspace" in dialog.problem.text()


def test_case_form_edits_keep_the_child_id(qtbot: QtBot, data: TeamData) -> None:
    child = data.new_children()[0]
    dialog = ChildFormDialog(data, child)
    qtbot.addWidget(dialog)
    assert dialog.edits["child_id"].isReadOnly()
    fill(dialog, needs="polish")
    dialog.accept()
    edited = dialog.child()
    assert edited is not None and edited.child_id == child.child_id
    assert edited.needs == ("polish",) and edited.stage == child.stage


def test_override_reasons_required_for_every_family(qtbot: QtBot) -> None:
    dialog = OverrideReasonDialog(
        [(FamilyId("F1"), "Sam Lee", "Ann Cole"), (FamilyId("F2"), "unallocated", "Ann Cole")]
    )
    qtbot.addWidget(dialog)
    dialog.reasons[FamilyId("F1")].setText("  knows the family from school  ")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "F2" in dialog.problem.text()
    dialog.reasons[FamilyId("F2")].setText("capacity freed")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.values() == {"F1": "knows the family from school", "F2": "capacity freed"}


def test_case_form_tabs_through_the_fields_in_the_order_shown(qtbot: QtBot, data: TeamData) -> None:
    from ui.qt import QApplication, QComboBox, QFormLayout, QLineEdit, Qt

    form = ChildFormDialog(data)
    qtbot.addWidget(form)
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    shown = [layout.itemAt(r, QFormLayout.ItemRole.FieldRole) for r in range(layout.rowCount())]
    kinds = (QLineEdit, QComboBox)
    fields = [w for i in shown if i is not None and isinstance(w := i.widget(), kinds)]
    assert [f.accessibleName() for f in fields][:4] == ["Child id", "Family id", "Stage", "Team"]
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    fields[0].setFocus()
    for expected in fields[1:]:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected, f"Tab to {expected.accessibleName()}"


def test_override_reason_fields_are_wide_enough_to_write_in(qtbot: QtBot) -> None:
    dialog = OverrideReasonDialog([(FamilyId("T01-F042"), "Samantha Leigh-Brown", "Ann Cole")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.reasons[FamilyId("T01-F042")].width() >= 320
