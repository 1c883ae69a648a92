"""Allocation settings: the defaults from `resources/weights.toml` and per-team overrides.

The `Settings` sheet is two columns, `key` and `value`; `apply_overrides` checks each value
and returns the problems in words a manager understands, never raising on bad input.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

from fsp_allocator.decimal_comma import decimal_point
from fsp_allocator.domain import ADULT_ROLES, Role, Settings, Stage
from fsp_allocator.factors import FACTOR_CODES, normalise_code
from fsp_allocator.paths import resource_path

DEFAULT_FACTOR_WEIGHT = 0.1
# The largest number a setting, a capacity or a complexity may be: the engine counts weights
# in hundredths as 64-bit integers, and no real caseload, weight or ratio comes near it.
MAX_SETTING_VALUE = 1000.0


@cache
def _defaults_file() -> dict[str, Any]:
    with resource_path("weights.toml").open("rb") as handle:
        return tomllib.load(handle)


def default_settings(week: date) -> Settings:
    """The shipped defaults (resources/weights.toml) for an allocation on `week`."""
    raw = _defaults_file()
    base = raw["settings"]
    factor_weights = {code: DEFAULT_FACTOR_WEIGHT for code in FACTOR_CODES}
    factor_weights.update({str(k): float(v) for k, v in raw["factor_weights"].items()})
    factor_weights["21"] = 0.0
    return Settings(
        week=week,
        target_caseload=float(base["target_caseload"]),
        max_load_ratio=float(base["max_load_ratio"]),
        court_cap=int(base["court_cap"]),
        asye_capacity_ratio=float(base["asye_capacity_ratio"]),
        atm_capacity_ratio=float(base["atm_capacity_ratio"]),
        sibling_discount=float(base["sibling_discount"]),
        adult_capacity=MappingProxyType(
            {Role(k): float(v) for k, v in raw["adult_capacity"].items()}
        ),
        stage_weights=MappingProxyType(
            {Stage(k): float(v) for k, v in raw["stage_weights"].items()}
        ),
        factor_weights=MappingProxyType(factor_weights),
    )


@dataclass(frozen=True, slots=True)
class SettingProblem:
    """A `Settings` sheet value that could not be used."""

    key: str
    message: str


@dataclass(frozen=True, slots=True)
class SettingInfo:
    """What a setting key means, for the Settings sheet, the CLI and the app's Settings view."""

    key: str
    label: str
    explanation: str


SCALAR_SETTINGS: tuple[SettingInfo, ...] = (
    SettingInfo("week", "Allocation week", "The allocation date; availability is judged on it."),
    SettingInfo(
        "target_caseload",
        "Target caseload",
        "Weighted units per full-time worker that caseloads should stay near (default 15).",
    ),
    SettingInfo(
        "max_load_ratio",
        "Load ceiling",
        "No new family may take a worker above capacity x this ratio (default 1.2).",
    ),
    SettingInfo(
        "court_cap",
        "Court cap",
        "Families in PLO or court a worker may lead; at the cap they get no new families.",
    ),
    SettingInfo(
        "asye_capacity_ratio",
        "ASYE capacity",
        "A newly qualified worker's capacity as a share of the target (protected caseload).",
    ),
    SettingInfo(
        "atm_capacity_ratio",
        "ATM capacity",
        "An assistant team manager's capacity as a share of the target.",
    ),
    SettingInfo(
        "sibling_discount",
        "Sibling discount",
        "The second and later child of a family weighs this share of their own weight.",
    ),
)


def normalise_key(raw: str) -> str:
    """Match keys as columns are matched: trimmed, case-folded, spaces and hyphens as `_`."""
    return "_".join(raw.strip().replace("-", " ").replace("_", " ").split()).lower()


def _finite(text: str, rule: str) -> float:
    """`text` as a number; NaN, infinity or anything above `MAX_SETTING_VALUE` breaks `rule`."""
    value = float(decimal_point(text.strip()))  # "1e400" is inf, refused below
    if not math.isfinite(value) or abs(value) > MAX_SETTING_VALUE:
        raise ValueError(rule)
    return value


_MOST = f"at most {MAX_SETTING_VALUE:g}"


def _positive(text: str) -> float:
    rule = f"must be a number above 0 and {_MOST}"
    value = _finite(text, rule)
    if not value > 0:
        raise ValueError(rule)
    return value


def _non_negative(text: str) -> float:
    rule = f"must be a number of 0 or more and {_MOST}"
    value = _finite(text, rule)
    if value < 0:
        raise ValueError(rule)
    return value


def _parse_number(value: object, parse: Any) -> Any:
    text = str(value).strip()
    try:
        return parse(text)
    except ValueError as exc:
        detail = str(exc) if "must" in str(exc) else "is not a number"
        raise ValueError(f"'{text}' {detail}") from None


def _count(text: str) -> int:
    rule = f"must be a whole number of 0 or more and {_MOST}"
    number = _finite(text, rule)
    if number < 0 or not number.is_integer():
        raise ValueError(rule)
    return int(number)


def apply_overrides(
    settings: Settings, values: Mapping[str, object], parse_date: Any = None
) -> tuple[Settings, list[SettingProblem]]:
    """Apply `Settings` sheet key/values over `settings`; unknown keys are problems.

    `parse_date(value) -> date` converts the `week` value; it raises ValueError with a
    message on a bad date (the importer passes its strict date reader).
    """
    problems: list[SettingProblem] = []
    changes: dict[str, Any] = {}
    stage_weights = dict(settings.stage_weights)
    factor_weights = dict(settings.factor_weights)
    adult_capacity = dict(settings.adult_capacity)
    scalar = {
        "target_caseload": _positive,
        "max_load_ratio": _positive,
        "asye_capacity_ratio": _positive,
        "atm_capacity_ratio": _positive,
        "sibling_discount": _positive,
        "court_cap": _count,
    }
    for raw_key, value in values.items():
        key = normalise_key(raw_key)
        try:
            if key == "week":
                if parse_date is None:
                    raise ValueError("no date reader was given")
                changes["week"] = parse_date(value)
            elif key in scalar:
                changes[key] = _parse_number(value, scalar[key])
            elif key.startswith("adult_capacity_") and key[15:].upper() in {
                r.value for r in ADULT_ROLES
            }:
                adult_capacity[Role(key[15:].upper())] = _parse_number(value, _positive)
            elif key.startswith("weight_factor_"):
                code = normalise_code(key[14:])
                if code not in FACTOR_CODES:
                    raise ValueError(f"'{code}' is not a CIN census factor code")
                factor_weights[code] = _parse_number(value, _non_negative)
            elif key.startswith("weight_") and key[7:].upper() in Stage.__members__:
                stage_weights[Stage(key[7:].upper())] = _parse_number(value, _positive)
            else:
                raise ValueError("is not a setting FSP Allocator knows")
        except ValueError as exc:
            problems.append(SettingProblem(str(raw_key).strip(), str(exc)))
    factor_weights["21"] = 0.0
    updated = replace(
        settings,
        **changes,
        stage_weights=MappingProxyType(stage_weights),
        factor_weights=MappingProxyType(factor_weights),
        adult_capacity=MappingProxyType(adult_capacity),
    )
    return updated, problems


def settings_rows(settings: Settings, *, only_changed: bool = False) -> list[tuple[str, str]]:
    """The settings as `Settings` sheet rows (key, value); optionally only those off default."""
    defaults = default_settings(settings.week)
    rows: list[tuple[str, str]] = [("week", settings.week.isoformat())]
    for info in SCALAR_SETTINGS[1:]:
        value, default = getattr(settings, info.key), getattr(defaults, info.key)
        if not only_changed or value != default:
            rows.append((info.key, _fmt(value)))
    for role in (Role.DA, Role.MH, Role.SM):
        value, default = settings.adult_capacity[role], defaults.adult_capacity[role]
        if not only_changed or value != default:
            rows.append((f"adult_capacity_{role.value}", _fmt(value)))
    for stage in Stage:
        value, default = settings.stage_weights[stage], defaults.stage_weights[stage]
        if not only_changed or value != default:
            rows.append((f"weight_{stage.value}", _fmt(value)))
    for code in sorted(settings.factor_weights, key=_code_order):
        value, default = settings.factor_weights[code], defaults.factor_weights[code]
        if not only_changed or value != default:
            rows.append((f"weight_factor_{code}", _fmt(value)))
    return rows


def _code_order(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return int(digits), code[len(digits) :]


def _fmt(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
