"""The cell readers: every accepted form and every refusal, with the manager's message."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fsp_allocator.domain import Role, Stage
from fsp_allocator.workbook.cells import (
    cell_text,
    parse_date,
    parse_factors,
    parse_list,
    parse_number,
    parse_role,
    parse_stage,
    parse_yes_no,
)
from fsp_allocator.workbook.columns import normalise_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(101, "101"), (101.0, "101"), (1.5, "1.5"), ("  W7 ", "W7"), ("", None), ("  ", None)],
)
def test_ids_from_numbers_lose_the_decimal_point(raw: object, expected: str | None) -> None:
    assert cell_text(raw) == expected


@pytest.mark.parametrize("raw", ["yes", "Y", "TRUE", "true", "1", 1, True, " Yes "])
def test_yes_forms(raw: object) -> None:
    assert parse_yes_no(raw) is True


@pytest.mark.parametrize("raw", ["no", "N", "False", "0", 0, False])
def test_no_forms(raw: object) -> None:
    assert parse_yes_no(raw) is False


def test_yes_no_refuses_anything_else() -> None:
    with pytest.raises(ValueError, match="'maybe' is not yes or no"):
        parse_yes_no("maybe")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2026, 2, 1, 0, 0), date(2026, 2, 1)),
        (date(2026, 2, 1), date(2026, 2, 1)),
        ("2026-02-01", date(2026, 2, 1)),
        ("01/02/2026", date(2026, 2, 1)),  # UK: 1 February
        ("1/2/2026", date(2026, 2, 1)),
        (" 29/02/2028 ", date(2028, 2, 29)),
    ],
)
def test_dates_excel_iso_and_uk(raw: object, expected: date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("01/02/26", "two-digit year"),
        ("31/02/2026", "not a real date"),
        ("2026-13-01", "not a real date"),
        ("02-01-2026", "not a date FSP Allocator can read"),
        ("1 Feb 2026", "not a date FSP Allocator can read"),
        ("2026/02/01", "not a date FSP Allocator can read"),
        (46054, "is a number, not a date"),
    ],
)
def test_dates_refused_never_guessed(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(raw)


def test_lists_split_on_semicolons_and_commas() -> None:
    assert parse_list("teenagers; disability,polish ;; ") == ("teenagers", "disability", "polish")
    assert parse_list(None) == ()
    assert parse_list("a;a;b") == ("a", "b")


def test_numbers_within_range() -> None:
    assert parse_number("0,5", above=0, at_most=1) == 0.5
    assert parse_number(1, above=0, at_most=1) == 1.0
    assert parse_number("3", at_least=0, whole=True) == 3.0


@pytest.mark.parametrize(
    ("raw", "kwargs", "message"),
    [
        (0, {"above": 0, "at_most": 1}, "out of range; it must be a number above 0 and at most 1"),
        ("1.2", {"above": 0, "at_most": 1}, "'1.2' is out of range"),
        ("half", {"above": 0}, "'half' is not a number"),
        ("2.5", {"at_least": 0, "whole": True}, "must be a whole number of 0 or more"),
        (-1, {"at_least": 0}, "'-1' is out of range"),
        (True, {"at_least": 0}, "is not a number"),
        ("nan", {"at_least": 0}, "out of range"),
        ("inf", {"at_least": 0}, "out of range"),
    ],
)
def test_numbers_outside_their_range(raw: object, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(raw, **kwargs)  # type: ignore[arg-type]


def test_codes_are_case_and_space_insensitive() -> None:
    assert parse_role(" senior ") is Role.SENIOR
    assert parse_role("asye") is Role.ASYE
    assert parse_stage("c p") is Stage.CP
    assert parse_stage("Court") is Stage.COURT
    assert parse_factors("3a ; 4B,1 b") == ("3A", "4B", "1B")
    assert parse_factors(21) == ("21",)


def test_unknown_stage_lists_the_stages() -> None:
    with pytest.raises(ValueError) as caught:
        parse_stage("XYZ")
    assert str(caught.value) == "'XYZ' is not a stage; use ASSESSMENT, CIN, CP, PLO, COURT or CLA"


def test_unknown_role_lists_the_roles() -> None:
    with pytest.raises(ValueError, match="'Manager' is not a role; use SW, SENIOR"):
        parse_role("Manager")


@pytest.mark.parametrize("code", ["8A", "16B", "18A", "25A", "3D"])
def test_codes_off_the_cin_list_are_errors(code: str) -> None:
    with pytest.raises(ValueError, match=f"'{code}' is not a CIN census factor code"):
        parse_factors(f"3A;{code}")


def test_column_names_match_across_spelling() -> None:
    names = {normalise_name(n) for n in ("Worker ID", "worker-id", " worker_id ", "WORKER  ID")}
    assert names == {"worker_id"}
