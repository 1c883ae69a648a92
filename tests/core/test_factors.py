"""The CIN census factor list and the trio of adult-practitioner roles."""

from __future__ import annotations

import pytest

from fsp_allocator.domain import Role
from fsp_allocator.factors import describe, is_valid_code, normalise_code, trio_roles


@pytest.mark.parametrize("code", ["8A", "16B", "18A", "25A", "3D", ""])
def test_codes_off_the_list_are_invalid(code: str) -> None:
    assert not is_valid_code(code)


@pytest.mark.parametrize("code", ["1A", "3C", "7A", "8F", "18B", "19C", "20", "21", "24A"])
def test_codes_on_the_list_are_valid(code: str) -> None:
    assert is_valid_code(code)


def test_codes_normalise_case_and_space() -> None:
    assert normalise_code(" 3a ") == "3A"
    assert normalise_code("1 0a") == "10A"


def test_trio_roles() -> None:
    assert trio_roles(("3A", "4B", "2B")) == (Role.DA, Role.MH, Role.SM)
    assert trio_roles(("4A", "1A", "16A")) == ()  # the child's own, not a parent's


def test_describe_names_who() -> None:
    assert describe("3B") == "domestic abuse (parent/carer)"
    assert describe("20") == "other"
