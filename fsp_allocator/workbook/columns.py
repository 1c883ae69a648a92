"""The sheets and columns of the team workbook, and how their names are matched.

Names are matched case-insensitively after trimming, with spaces, hyphens and underscores
alike ("Worker ID", "worker-id" and "worker_id" are one column). Columns not listed here
are kept (in `Worker.extra` / `Child.extra`) and otherwise ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

WORKERS = "Workers"
CASES = "Cases"
SETTINGS = "Settings"


def normalise_name(raw: object) -> str:
    """`' Worker-ID '` -> `'worker_id'`: the form in which column and sheet names are compared."""
    text = "" if raw is None else str(raw)
    return "_".join(text.strip().replace("-", " ").replace("_", " ").split()).lower()


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """A sheet of the workbook: its name and the columns the importer knows."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def known(self) -> tuple[str, ...]:
        """Every column this sheet defines, required first."""
        return self.required + self.optional


WORKERS_SPEC = SheetSpec(
    WORKERS,
    required=("worker_id", "name", "role", "fte"),
    optional=(
        "team",
        "agency",
        "available_from",
        "available_to",
        "accepting",
        "court_cap",
        "capacity",
        "skills",
        "locality",
        "release",
    ),
)

CASES_SPEC = SheetSpec(
    CASES,
    required=("child_id", "family_id", "stage"),
    optional=(
        "worker_id",
        "previous_worker_id",
        "factors",
        "complexity",
        "referral_date",
        "team",
        "locality",
        "needs",
        "adult_worker_ids",
        "pin_worker_id",
        "exclude_worker_ids",
    ),
)

SETTINGS_SPEC = SheetSpec(SETTINGS, required=("key", "value"), optional=())

SHEET_SPECS: tuple[SheetSpec, ...] = (WORKERS_SPEC, CASES_SPEC, SETTINGS_SPEC)
