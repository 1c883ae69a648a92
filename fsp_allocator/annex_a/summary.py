"""What an Annex A import took, what it left and why: the lines printed to the manager.

Children by id only; workers by the names the case system gave (staff, not children).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from fsp_allocator.domain import STAGE_LABELS, Stage

SHOWN_IDS = 12


def _ids(items: Sequence[str]) -> str:
    shown = ", ".join(items[:SHOWN_IDS])
    return shown + (f" and {len(items) - SHOWN_IDS} more" if len(items) > SHOWN_IDS else "")


@dataclass(frozen=True, slots=True)
class AnnexASummary:
    """Counts and names behind the import, for the command line and the app's preview."""

    teams: tuple[str, ...]
    by_stage: Mapping[Stage, int]
    new_cases: int
    matched_workers: tuple[str, ...]
    unmatched_workers: tuple[str, ...]
    roster_given: bool
    without_family: tuple[str, ...]
    families_given: bool
    left: Mapping[str, int] = field(default_factory=dict)
    from_list_7_or_8: tuple[str, ...] = ()

    @property
    def taken(self) -> int:
        """Children taken into the team workbook."""
        return sum(self.by_stage.values())

    def lines(self) -> list[str]:
        """A few plain lines: taken per stage, left per reason, workers and families."""
        stages = ", ".join(
            f"{count} {STAGE_LABELS[stage].lower()}"
            for stage, count in self.by_stage.items()
            if count
        )
        lines = [
            f"Took {self.taken} children of {', '.join(self.teams) or 'no team'}"
            + (f": {stages}." if stages else "."),
            f"New cases to allocate (no allocated worker): {self.new_cases}.",
        ]
        left = sum(self.left.values())
        if left:
            why = "; ".join(f"{count} {reason}" for reason, count in self.left.items())
            lines.append(f"Left {left} children out: {why}.")
        if self.from_list_7_or_8:
            lines.append(
                f"In List 7 or 8 but not in List 6 ({len(self.from_list_7_or_8)}), taken from "
                f"those lists: {_ids(self.from_list_7_or_8)}."
            )
        if self.roster_given:
            lines.append(f"Workers matched on the roster: {len(self.matched_workers)}.")
            if self.unmatched_workers:
                lines.append(
                    f"Workers not on the roster ({len(self.unmatched_workers)}), added as "
                    f"social workers at FTE 1: {_ids(self.unmatched_workers)}."
                )
        else:
            lines.append(
                f"Workers: {len(self.unmatched_workers)} made from the Allocated Worker names, "
                "each as a social worker (SW) at FTE 1: check their roles and FTE "
                "(or give --roster)."
            )
        if self.without_family:
            how = (
                "not in the families file"
                if self.families_given
                else "no families file was given (--families)"
            )
            lines.append(
                f"Children without a family ({len(self.without_family)}), each its own family "
                f"because {how}: siblings cannot be kept together until families are given."
            )
        return lines
