"""The weekly cycle on a workspace: import -> propose -> accept -> export.

Used by the command line now and the desktop app next. Overrides are given per child or
per family (`C12=W3` or `F5=W3`); reasons per family (a child id names its family).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.domain import ChildId, FamilyId, WorkerId
from fsp_allocator.workbook.problems import ImportResult, WorkbookInvalid
from fsp_allocator.workspace.accepting import proposal_children
from fsp_allocator.workspace.errors import WorkspaceError
from fsp_allocator.workspace.records import AcceptResult, ImportDiff
from fsp_allocator.workspace.store import Workspace

NOBODY = frozenset({"", "-", "none", "unallocated"})


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What importing a workbook did: the diff, and the reader's result (with warnings)."""

    diff: ImportDiff
    reading: ImportResult


def import_workbook(
    workspace: Workspace, path: Path, *, week: date | None = None, user: str | None = None
) -> ImportOutcome:
    """Read and check the workbook, then upsert it; raises WorkbookInvalid with every problem."""
    from fsp_allocator.workbook.reader import read_team

    reading = read_team(Path(path), week=week)
    if not reading.ok or reading.data is None:
        raise WorkbookInvalid(reading.problems)
    return ImportOutcome(workspace.import_team(reading.data, user), reading)


def propose_pending(
    workspace: Workspace,
    config: Any = None,
    *,
    overflow: bool = False,
    before_storing: Callable[[AllocationProposal], object] | None = None,
) -> AllocationProposal:
    """Run the engine on the workspace's current state and keep it as the pending proposal.

    `overflow` switches overflow between teams on for this proposal (as the Settings key
    `overflow`, which the workspace's settings may already hold). `before_storing(proposal)`
    runs first (e.g. writing the result files): if it raises, the proposal is not stored,
    so a failed `propose --out` leaves nothing pending.
    """
    from dataclasses import replace

    from fsp_allocator.allocation.service import propose

    data, basis = workspace.load_for_proposal()
    if overflow and not data.settings.overflow:
        data = replace(data, settings=replace(data.settings, overflow=True))
    if not data.new_children():
        raise WorkspaceError("There are no new children to allocate in the workspace.")
    proposal = propose(data, config)
    if before_storing is not None:
        before_storing(proposal)
    workspace.store_proposal(proposal, basis)  # what it was built on, to tell it stale later
    return proposal


def final_choice(
    proposal: AllocationProposal, overrides: Mapping[str, str]
) -> dict[ChildId, WorkerId | None]:
    """The final worker per child from `CHILD_OR_FAMILY -> WORKER` overrides (blank = none)."""
    children = proposal_children(proposal)
    final: dict[ChildId, WorkerId | None] = {}
    for key, worker in overrides.items():
        chosen = None if worker.strip().lower() in NOBODY else WorkerId(worker.strip())
        matched = [c for c, f in children.items() if key in (c, f)]
        if not matched:
            raise WorkspaceError(f"{key} is neither a new child nor a family in the proposal.")
        for child_id in matched:
            final[child_id] = chosen
    return final


def split_overrides(proposal: AllocationProposal, texts: Sequence[str]) -> dict[str, str]:
    """`ID=VALUE` texts as {id: value}; an id may itself hold `=` or start with `-` or `=`.

    Each text is split at the `=` after which the part before it is a new child or family of
    the proposal (so `=1=W2` means child `=1`); when no split names one, at the first `=`
    (then `final_choice` reports the unknown id).
    """
    children = proposal_children(proposal)
    return split_pairs(set(children) | set(children.values()), texts)


def split_pairs(known: Collection[str], texts: Sequence[str]) -> dict[str, str]:
    """`ID=VALUE` texts as {id: value}, split at the `=` after which the part before it is
    one of the `known` ids (else at the first `=`)."""
    overrides: dict[str, str] = {}
    for text in texts:
        splits = [i for i, char in enumerate(text) if char == "="]
        if not splits:
            raise WorkspaceError(f"'{text}' is not in the form ID=VALUE.")
        at = next((i for i in splits if text[:i].strip() in known), splits[0])
        overrides[text[:at].strip()] = text[at + 1 :].strip()
    return overrides


def family_reasons(proposal: AllocationProposal, reasons: Mapping[str, str]) -> dict[FamilyId, str]:
    """Reasons per family; a key naming a child counts for the child's family."""
    children = proposal_children(proposal)
    return {
        FamilyId(children.get(ChildId(key), FamilyId(key))): text for key, text in reasons.items()
    }


def accept_pending(
    workspace: Workspace,
    overrides: Mapping[str, str] | Sequence[str],
    reasons: Mapping[str, str] | Sequence[str],
    user: str | None = None,
) -> AcceptResult:
    """Accept the pending proposal with the manager's overrides and reasons.

    `overrides` maps id -> worker, or is a list of `ID=WORKER` texts (see `split_overrides`);
    `reasons` likewise maps family -> text or lists `FAMILY=TEXT` texts.
    """
    proposal = workspace.pending_proposal()
    if proposal is None:
        raise WorkspaceError("There is no pending proposal: run `propose` first.")
    if not isinstance(overrides, Mapping):
        overrides = split_overrides(proposal, overrides)
    if not isinstance(reasons, Mapping):
        reasons = split_overrides(proposal, reasons)
    return workspace.accept(
        proposal, final_choice(proposal, overrides), family_reasons(proposal, reasons), user
    )
