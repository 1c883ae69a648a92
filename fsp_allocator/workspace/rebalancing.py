"""Rebalancing on a workspace: propose -> (review) -> accept, like the weekly cycle.

`propose_rebalance` loads the scope's data, runs the rebalance and keeps the plan pending
with the versions it was made from; `accept_pending_rebalance` applies the pending plan
with the manager's changes given as `ID=WORKER` / `FAMILY=TEXT` texts (the weekly
`accept`'s parsing, where an id may be a family or one of its children). The workspace
keeps no `release` column: releases are named each time (`release`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from fsp_allocator.domain import ChildId, FamilyId, WorkerId
from fsp_allocator.rebalance.choices import RebalanceChoiceRefused
from fsp_allocator.rebalance.result import RebalanceResult
from fsp_allocator.rebalance.run import NO_CHOICES, PointDone, RebalanceRun, TeamDone, run_rebalance
from fsp_allocator.workspace.cycle import NOBODY, split_pairs
from fsp_allocator.workspace.errors import ChoiceRefused, WorkspaceError
from fsp_allocator.workspace.rebalance_accept import rebalance_children
from fsp_allocator.workspace.records import RebalanceAccepted
from fsp_allocator.workspace.store import Workspace
from solver import CancelToken, SolverConfig


def propose_rebalance(
    workspace: Workspace,
    release: Collection[WorkerId] = (),
    max_moves: int = 0,
    config: SolverConfig | None = None,
    *,
    choices: Mapping[FamilyId, WorkerId | None] = NO_CHOICES,
    moves: int | None = None,
    on_team_done: TeamDone | None = None,
    on_point: PointDone | None = None,
    cancel: CancelToken | None = None,
    before_storing: Callable[[RebalanceResult], object] | None = None,
) -> RebalanceRun:
    """Run the rebalance on the scope's current data and keep `run.result(moves)` pending
    with its basis (ChoiceRefused: a choice breaks a hard rule). `before_storing(result)`
    runs first (writing files): if it raises, nothing is stored; nor is a cancelled run. A
    plan that moves nothing is not kept (and any older pending rebalance is dropped)."""
    data, basis = workspace.load_for_rebalance()
    try:
        run = run_rebalance(
            data, release, max_moves, config, on_team_done, on_point, cancel, choices=choices
        )
    except RebalanceChoiceRefused as refused:
        raise ChoiceRefused(refused.refusals) from None
    result = run.result(moves)
    if result.cancelled:
        return run
    if before_storing is not None:
        before_storing(result)
    if not result.moves and not result.unplaced:  # nothing to accept: an older plan is void
        workspace.clear_rebalance()
        return run
    workspace.store_rebalance(result, basis)
    return run


def rebalance_changes(
    result: RebalanceResult, overrides: Mapping[str, str]
) -> dict[FamilyId, WorkerId | None]:
    """Family -> final worker from `CHILD_OR_FAMILY -> WORKER` texts ('none': it stays)."""
    children = rebalance_children(result)
    changes: dict[FamilyId, WorkerId | None] = {}
    for key, worker in overrides.items():
        family = children.get(ChildId(key)) or (
            FamilyId(key) if key in set(children.values()) else None
        )
        if family is None:
            raise WorkspaceError(
                f"{key} is neither a child nor a family the pending rebalance moves or leaves "
                "unplaced."
            )
        changes[family] = None if worker.strip().lower() in NOBODY else WorkerId(worker.strip())
    return changes


def family_texts(result: RebalanceResult, texts: Mapping[str, str]) -> dict[FamilyId, str]:
    """Reasons per family; a key naming a child counts for the child's family."""
    children = rebalance_children(result)
    return {FamilyId(children.get(ChildId(k), FamilyId(k))): v for k, v in texts.items()}


def accept_pending_rebalance(
    workspace: Workspace,
    overrides: Mapping[str, str] | Sequence[str] = (),
    reasons: Mapping[str, str] | Sequence[str] = (),
    user: str | None = None,
) -> RebalanceAccepted:
    """Accept the scope's pending rebalance with the manager's changes and reasons."""
    result = workspace.pending_rebalance()
    if result is None:
        raise WorkspaceError("There is no pending rebalance: run `workspace rebalance` first.")
    children = rebalance_children(result)
    known = set(children) | set(children.values())
    if not isinstance(overrides, Mapping):
        overrides = split_pairs(known, overrides)
    if not isinstance(reasons, Mapping):
        reasons = split_pairs(known, reasons)
    changes = rebalance_changes(result, overrides)
    return workspace.accept_rebalance(result, family_texts(result, reasons), changes, user)
