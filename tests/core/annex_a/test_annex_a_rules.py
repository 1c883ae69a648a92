"""How the Annex A lists become cases: stages, the strongest list, teams, workers, families."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from annex_builders import row6, write_annex

from fsp_allocator.annex_a import read_annex_a
from fsp_allocator.domain import Stage

TEAM = "FSP Banbury"


def _read(path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    result = read_annex_a(path, team=str(kwargs.pop("team", TEAM)), **kwargs)  # type: ignore[arg-type]
    assert result.ok, [str(p) for p in result.errors]
    assert result.data is not None
    return result, {c.child_id: c for c in result.data.children}


def test_case_status_gives_the_stage_and_a_closed_episode_is_left(tmp_path: Path) -> None:
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [
                row6(1, "a) Looked after child"),
                row6(2, "b) Child Protection plan"),
                row6(3, "c) Child in need plan"),
                row6(4, "d) Open assessment"),
                row6(5, "e) Closed episode"),
                row6(6, "child in need plan"),
            ]
        },
    )
    result, children = _read(path)
    assert {k: c.stage for k, c in children.items()} == {
        "1": Stage.CLA,
        "2": Stage.CP,
        "3": Stage.CIN,
        "4": Stage.ASSESSMENT,
        "6": Stage.CIN,
    }
    assert result.summary is not None and result.summary.left == {"a closed episode": 1}


def test_the_strongest_stage_wins_with_team_and_worker_from_its_list(tmp_path: Path) -> None:
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [
                row6(10, "c) Child in need plan", worker="Old Worker"),
                row6(11, "c) Child in need plan"),
                row6(12, "e) Closed episode"),
            ],
            "List 7": [
                [10, "WBRI", TEAM, "Cp Worker", None],
                [11, "WBRI", TEAM, "Ann Bell", "01/10/2026"],
            ],
            "List 8": [
                [10, "No", "C1", None, TEAM, "Court Worker"],
                [12, "No", "C2 - Full care order", None, TEAM, "Ann Bell"],
                [13, "No", "V2", "2026-09-01", TEAM, "Ann Bell"],
            ],
        },
    )
    result, children = _read(path)
    assert children["10"].stage is Stage.COURT
    court = next(w for w in result.data.workers if w.worker_id == children["10"].worker_id)
    assert court.name == "Court Worker"
    assert children["11"].stage is Stage.CIN  # the ended plan adds nothing
    assert children["12"].stage is Stage.CLA  # closed in List 6, still looked after in List 8
    assert "13" not in children  # ceased care only
    assert result.summary is not None and result.summary.left == {"ceased to be looked after": 1}


def test_children_only_in_list_7_or_8_are_taken_with_a_warning(tmp_path: Path) -> None:
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [row6(1, "c) Child in need plan")],
            "List 7": [[77, "WBRI", TEAM, "Sam Lee", None]],
        },
    )
    result, children = _read(path)
    assert children["77"].stage is Stage.CP
    assert any("77" in p.message and "not in List 6" in p.message for p in result.warnings)


def test_the_team_filter_ignores_case_and_spaces_and_all_takes_every_team(tmp_path: Path) -> None:
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [
                row6(1, "c) Child in need plan"),
                row6(2, "c) Child in need plan", team="FSP  BICESTER"),
                row6(3, "c) Child in need plan", team=None),  # type: ignore[arg-type]
            ]
        },
    )
    result, children = _read(path, team=" fsp banbury ")
    assert set(children) == {"1"}
    assert any("no Allocated Team" in p.message and "3" in p.message for p in result.warnings)
    _, every = _read(path, team="ALL")
    assert {c.team for c in every.values()} == {"FSP Banbury", "FSP BICESTER"}  # spaces tidied


def test_ids_numbers_names_and_new_cases(tmp_path: Path) -> None:
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [
                row6(9212044, "d) Open assessment", worker="Unallocated"),
                row6(9212045.0, "d) Open assessment", worker="DUTY"),
                row6("A-77", "d) Open assessment", worker=None),
                row6(9212046, "c) Child in need plan", worker="Sam\u00a0 Lee"),
                row6(9212047, "c) Child in need plan", worker="sam lee"),
            ],
            "List 3": [
                [9212044, 9, date(2026, 10, 1)],
                [9212044, 9, "20/11/2026"],
                [999, 3, date(2026, 1, 1)],
            ],
        },
    )
    result, children = _read(path)
    assert set(children) == {"9212044", "9212045", "A-77", "9212046", "9212047"}
    assert all(children[c].worker_id is None for c in ("9212044", "9212045", "A-77"))
    assert children["9212046"].worker_id == children["9212047"].worker_id == "sam-lee"
    assert children["9212044"].referral_date == date(2026, 11, 20)  # the latest referral
    assert result.summary is not None and result.summary.new_cases == 3
    assert result.summary.left == {"only in List 3 (a referral, not an open case)": 1}


def test_an_excel_error_counts_as_blank_with_a_warning_naming_the_cell(tmp_path: Path) -> None:
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [
                row6(1, "d) Open assessment", worker="#N/A"),
                row6(2, "c) Child in need plan"),
            ]
        },
    )
    result, children = _read(path)
    assert children["1"].worker_id is None
    warning = next(p for p in result.warnings if "#N/A" in p.message)
    assert (warning.sheet, warning.row, warning.column) == ("List 6", 4, "Allocated Worker")


def test_the_roster_matches_names_and_unmatched_ones_are_listed(tmp_path: Path) -> None:
    from openpyxl import Workbook

    roster = tmp_path / "roster.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Workers"
    for row in (
        ["worker_id", "name", "role", "fte"],
        ["W1", "SAM LEE", "SENIOR", 0.8],
        ["W2", "Pat Kerr", "MH", 0.5],
    ):
        sheet.append(row)
    book.save(roster)
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [
                row6(1, "c) Child in need plan", worker="Sam Lee"),
                row6(2, "c) Child in need plan", worker="Jo O'Neill"),
            ]
        },
    )
    result, children = _read(path, roster=roster)
    assert children["1"].worker_id == "W1"
    workers = {w.worker_id: w for w in result.data.workers}
    assert workers["W1"].role.value == "SENIOR" and workers["W1"].team == TEAM
    assert "W2" in workers  # the roster's adult practitioner is kept
    assert workers[children["2"].worker_id].name == "Jo O'Neill"
    assert result.summary is not None and result.summary.unmatched_workers == ("Jo O'Neill",)
    assert any("Jo O'Neill" in p.message and "roster" in p.message for p in result.warnings)


def test_families_join_siblings_and_the_rest_are_warned_of(tmp_path: Path) -> None:
    families = tmp_path / "families.csv"
    families.write_text("child_id,family_id\n1,F1\n2,F1\n", encoding="utf-8")
    path = write_annex(
        tmp_path / "a.xlsx",
        {
            "List 6": [
                row6(1, "d) Open assessment", worker=None),
                row6(2, "d) Open assessment", worker=None),
                row6(3, "d) Open assessment", worker=None),
                row6(4, "c) Child in need plan"),
            ]
        },
    )
    result, children = _read(path, families=families)
    assert children["1"].family_id == children["2"].family_id == "F1"
    assert children["3"].family_id == "3"
    assert result.summary is not None and result.summary.without_family == ("3", "4")
    _, alone = _read(path)
    assert len({c.family_id for c in alone.values()}) == 4
