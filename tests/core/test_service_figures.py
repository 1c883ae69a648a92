"""The service report's figures against values worked out by hand (service.md, 2)."""

from __future__ import annotations

import pytest
from service_builders import oxfordshire_2021, two_teams

from fsp_allocator.service.figures import service_report
from fsp_allocator.service.report_json import report_dict


def _by_team() -> dict[str, dict[str, object]]:
    payload = report_dict(service_report(two_teams()))
    return {row["team"]: row for row in [*payload["teams"], payload["service"]]}


def test_north_every_figure_by_hand() -> None:
    north = _by_team()["North"]
    assert north == {
        "team": "North",
        "lead_workers": 5,  # N1, N2 (ASYE), N3 (ATM), N4 (not accepting), N7; not the leaver
        "lead_fte": 4.5,
        "capacity": 54.45,  # 15 + 12 + 4.95 + 7.5 + 15
        "children": 8,  # the leaver's child included
        "load": 28.0,  # 17 + 6 + 0 + 3 + 2; the leaver's 3 is not a lead worker's load
        "load_ratio": 0.51,  # 28 / 54.45 = 0.514
        "over_capacity": 1,  # N1: 17 > 15
        "at_court_cap": 1,  # N7: 1 court family, cap 1
        "court_families": 3,  # F2 (PLO), F5 (COURT), F7 (PLO)
        "new_children": 2,
        "unallocated_last_week": None,  # a workbook has no last week
        "fte_needed": 1.87,  # 28 / 15
        "fte_gap": -1.76,  # 1.867 - 54.45 / 15
        "children_per_fte": 1.78,  # 8 / 4.5
    }


def test_east_overloaded_by_hand() -> None:
    east = _by_team()["East"]
    assert east["capacity"] == 15.0 and east["load"] == 16.0
    assert east["load_ratio"] == 1.07 and east["over_capacity"] == 1
    assert east["court_families"] == 1 and east["at_court_cap"] == 0
    assert east["fte_needed"] == 1.07 and east["fte_gap"] == 0.07
    assert east["children_per_fte"] == 3.0 and east["new_children"] == 1


def test_service_sums_and_recomputes_ratios() -> None:
    service = _by_team()["Service"]
    assert service["lead_workers"] == 6 and service["lead_fte"] == 5.5
    assert service["capacity"] == 69.45 and service["load"] == 44.0
    assert service["load_ratio"] == 0.63  # 44 / 69.45, not the mean of 0.51 and 1.07
    assert service["over_capacity"] == 2 and service["at_court_cap"] == 1
    assert service["children"] == 11 and service["court_families"] == 4
    assert service["new_children"] == 3
    assert service["fte_needed"] == 2.93  # 44 / 15
    assert service["fte_gap"] == -1.70  # 2.933 - 69.45 / 15
    assert service["children_per_fte"] == 2.0  # 11 / 5.5


def test_seed_004_oxfordshire_38_percent_above_plan() -> None:
    """2,628 open children against a plan of 1,905 (127 FTE at 15): 38% above (seed 004)."""
    report = service_report(oxfordshire_2021())
    service = report_dict(report)["service"]
    assert len(report.teams) == 17
    assert service["children"] == 2628 and service["capacity"] == 1905.0
    assert service["load"] == 2628.0
    assert service["load_ratio"] == 1.38  # 2628 / 1905 = 1.3795
    assert round((report.service.load_ratio or 0) - 1, 2) == pytest.approx(0.38)
    assert service["fte_needed"] == 175.2  # 2628 / 15
    assert service["fte_gap"] == 48.2  # 175.2 - 127
    assert service["children_per_fte"] == 20.69  # 2628 / 127


def test_last_week_unallocated_from_a_workspace_mapping() -> None:
    report = service_report(two_teams(), {"North": 2}, source="workspace")
    rows = {t.team: t.unallocated_last_week for t in report.teams}
    assert rows == {"North": 2, "East": 0}
    assert report.service.unallocated_last_week == 2


def test_workers_lines_are_the_weeks_lead_workers() -> None:
    report = service_report(two_teams())
    assert [w.worker_id for w in report.workers] == ["N1", "N2", "N3", "N4", "N7", "E1"]
    n1 = report.workers[0]
    assert (n1.load, n1.capacity, n1.children, n1.court) == (17.0, 15.0, 4, 1)
