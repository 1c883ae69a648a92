"""The knobs of the demo generator: every proportion with the fact it comes from.

The facts are those of `shared/domain.md` (Oxfordshire's Family Solutions Plus papers). The
demo must look like a real team's week, so the allocation has real trade-offs to show:
caseloads near capacity, a worker at the court cap, someone on leave, siblings, continuity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fsp_allocator.domain import Stage


def _frozen(values: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True, slots=True)
class DemoProportions:
    """Proportions for one team; `generate` draws each team from them with its own seed."""

    # Roster. "A team manager, an assistant team manager and 7-8 social workers" (seed 004).
    social_workers: tuple[int, int] = (7, 8)
    # ASYEs "join through a development unit and are gradually introduced" (seed 004).
    asye_chance: float = 0.7
    # The original plan had 2 family support workers per team (seed 001): 0-2 today.
    family_support_workers: tuple[int, int] = (0, 2)
    # "About 30 FTE adult practitioners across 17 teams" (seed 004): ~1.8 FTE a team, so
    # each of DA, MH, SM is one practitioner, often part-time.
    adult_fte_choices: tuple[float, ...] = (0.4, 0.5, 0.6, 0.8, 1.0)
    # "Over a third of staff are agency workers, some teams over 50%" (seed 004).
    agency_share_range: tuple[float, float] = (0.35, 0.8)  # chance for SW, SENIOR, FSW
    # Part-time social workers work 0.6 or 0.8 FTE.
    part_time_chance: float = 0.2
    part_time_fte: tuple[float, ...] = (0.6, 0.8)
    # "In a couple of weeks, all staff gone again" (seed 004): leavers and leave are common.
    leaving_chance: float = 0.5
    returning_chance: float = 0.3
    not_accepting_chance: float = 0.25
    skills_chance: float = 0.5

    # Caseloads. "Social workers carried 38% more children than planned" (seed 004): loads
    # sit near capacity and some above it, so the balance of the new work matters.
    load_ratio_mean: float = 0.97
    load_ratio_spread: float = 0.12
    load_ratio_range: tuple[float, float] = (0.7, 1.3)
    # Families in PLO/court per social worker (0, 1, 2, 3); 3 is the default court cap, and
    # court work "rose 65% in a year" (seed 004). Each team has one worker at the cap.
    court_families_weights: tuple[float, ...] = (0.5, 0.3, 0.12, 0.08)
    court_share_in_proceedings: float = 0.6  # of court families: COURT, the rest PLO
    # Stages of the other open families. Across the county: ~700 assessments, 1,200 CIN,
    # 500+ CP and 200 in care (seed 004); CP plans are ~30% of a team's children.
    open_stage_weights: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"CIN": 0.48, "CP": 0.32, "ASSESSMENT": 0.12, "CLA": 0.08})
    )
    # Sibling groups: families of 1-4 children.
    family_size_weights: tuple[float, ...] = (0.36, 0.32, 0.2, 0.12)
    # Share of open trio families already paired with an adult practitioner.
    adult_pairing_chance: float = 0.7
    complexity_override_chance: float = 0.02

    # Risk factors at assessment, 7,022 assessments in 2019/20 (seed 004).
    family_factor_rates: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {
                "4B": 0.31,  # parental mental health
                "3B": 0.28,  # domestic abuse
                "1B": 0.16,  # parental alcohol misuse
                "2B": 0.12,  # parental drug misuse
                "18B": 0.12,  # physical abuse by a parent
                "5B": 0.05,  # parental learning disability
                "6B": 0.04,  # parental illness
            }
        )
    )
    child_factor_rates: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {
                "17A": 0.14,  # emotional abuse
                "16A": 0.13,  # neglect
                "10A": 0.03,  # going missing
                "14A": 0.03,  # socially unacceptable behaviour
                "15A": 0.03,  # self-harm
                "11A": 0.02,  # child sexual exploitation
                "24A": 0.02,  # child criminal exploitation
                "5A": 0.03,  # learning disability
                "7A": 0.02,  # young carer
            }
        )
    )
    # Among 747 new child protection plans: domestic abuse 63%, parental mental health 62%.
    protection_factor_rates: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"3B": 0.63, "4B": 0.62})
    )
    # Domestic abuse is coded on the child (3A) rather than the parent (3B) this often.
    domestic_abuse_on_child: float = 0.25

    # The week's intake. "A team receives roughly 5-30 new children a week" (domain.md).
    new_children_usual: tuple[int, int] = (12, 20)
    new_children_range: tuple[int, int] = (5, 30)
    new_children_unusual_chance: float = 0.15
    joins_open_family_chance: float = 0.2  # a new baby or sibling of a family already open
    previous_worker_chance: float = 0.2  # continuity: the worker who knew the family
    needs_chance: float = 0.15
    referral_span_days: tuple[int, int] = (14, 28)  # referrals of the last 2-4 weeks
    pin_chance: float = 0.15  # per team: the manager pinned one family
    exclusion_chance: float = 0.2  # per team: one family must not go to one worker
    new_stage_weights: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {"ASSESSMENT": 0.55, "CIN": 0.12, "CP": 0.22, "PLO": 0.05, "COURT": 0.03, "CLA": 0.03}
        )
    )


DEFAULT_PROPORTIONS = DemoProportions()


def stage_choices(weights: Mapping[str, float]) -> tuple[tuple[Stage, ...], tuple[float, ...]]:
    """Stages and their weights in a fixed order (never dict order of a caller's mapping)."""
    stages = tuple(s for s in Stage if s.value in weights)
    return stages, tuple(weights[s.value] for s in stages)
