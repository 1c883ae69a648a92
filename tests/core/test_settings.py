"""Defaults from resources/weights.toml and the Settings sheet's overrides."""

from __future__ import annotations

from datetime import date

from fsp_allocator.domain import Role, Stage
from fsp_allocator.factors import FACTOR_CODES
from fsp_allocator.settings import apply_overrides, default_settings, normalise_key, settings_rows

WEEK = date(2026, 11, 23)


def test_defaults_match_the_spec() -> None:
    s = default_settings(WEEK)
    assert (s.target_caseload, s.max_load_ratio, s.court_cap) == (15.0, 1.2, 3)
    assert (s.asye_capacity_ratio, s.atm_capacity_ratio) == (0.8, 0.33)
    assert dict(s.adult_capacity) == {Role.DA: 10.0, Role.MH: 10.0, Role.SM: 18.0}
    assert s.stage_weights[Stage.CIN] == 1.0
    assert set(s.stage_weights) == set(Stage)
    assert set(s.factor_weights) == FACTOR_CODES
    assert s.factor_weights["21"] == 0.0


def test_keys_match_like_columns() -> None:
    assert normalise_key(" Target Caseload ") == "target_caseload"
    assert normalise_key("max-load_ratio") == "max_load_ratio"


def test_overrides_apply_and_bad_values_are_reported_not_raised() -> None:
    s, problems = apply_overrides(
        default_settings(WEEK),
        {
            "target caseload": "16",
            "court_cap": "2",
            "weight_COURT": "3",
            "weight_factor_3b": "0.4",
            "adult_capacity_SM": "20",
            "max_load_ratio": "lots",
            "weight_factor_8A": "1",
            "colour": "blue",
            "week": "2026-12-01",
        },
        parse_date=date.fromisoformat,
    )
    assert s.target_caseload == 16.0
    assert s.court_cap == 2
    assert s.stage_weights[Stage.COURT] == 3.0
    assert s.factor_weights["3B"] == 0.4
    assert s.adult_capacity[Role.SM] == 20.0
    assert s.week == date(2026, 12, 1)
    assert s.max_load_ratio == 1.2  # the bad value left the default in place
    keys = {p.key for p in problems}
    assert keys == {"max_load_ratio", "weight_factor_8A", "colour"}
    assert all(p.message for p in problems)


def test_court_cap_must_be_a_whole_number() -> None:
    _, problems = apply_overrides(default_settings(WEEK), {"court_cap": "2.5"})
    assert [p.key for p in problems] == ["court_cap"]


def test_rows_list_only_changes_when_asked() -> None:
    s, _ = apply_overrides(default_settings(WEEK), {"court_cap": "2"})
    changed = settings_rows(s, only_changed=True)
    assert changed == [("week", WEEK.isoformat()), ("court_cap", "2")]
    all_rows = dict(settings_rows(s))
    assert all_rows["weight_factor_21"] == "0"
    assert len(all_rows) > 50


def test_a_decimal_comma_is_read_as_in_the_other_sheets() -> None:
    s, problems = apply_overrides(
        default_settings(WEEK), {"max_load_ratio": "1,25", "sibling_discount": " 0,5 "}
    )
    assert problems == []
    assert (s.max_load_ratio, s.sibling_discount) == (1.25, 0.5)
    _, refused = apply_overrides(default_settings(WEEK), {"max_load_ratio": "1,2,5"})
    assert [p.key for p in refused] == ["max_load_ratio"]
