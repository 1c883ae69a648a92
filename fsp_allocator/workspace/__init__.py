"""The workspace store: the team's roster, cases, decisions, audit and load history.

One SQLite file by default (in the user's data folder), or a shared PostgreSQL database,
through SQLAlchemy 2 with versioned Alembic migrations. See docs/workspace.md.
"""

from __future__ import annotations

from fsp_allocator.workspace.errors import (
    AcceptConflict,
    ChoiceRefused,
    OverrideReasonRequired,
    RebalanceConflict,
    StaleProposal,
    WorkspaceBusy,
    WorkspaceError,
)
from fsp_allocator.workspace.opening import (
    demo_will_be_made,
    open_default_workspace,
    open_workspace,
)
from fsp_allocator.workspace.records import (
    AcceptResult,
    AuditEntry,
    Decision,
    ImportDiff,
    LoadSnapshot,
    RebalanceAccepted,
)
from fsp_allocator.workspace.scope import OutsideScope
from fsp_allocator.workspace.store import Workspace

__all__ = [
    "AcceptConflict",
    "AcceptResult",
    "AuditEntry",
    "ChoiceRefused",
    "Decision",
    "ImportDiff",
    "LoadSnapshot",
    "OutsideScope",
    "OverrideReasonRequired",
    "RebalanceAccepted",
    "RebalanceConflict",
    "StaleProposal",
    "Workspace",
    "WorkspaceBusy",
    "WorkspaceError",
    "demo_will_be_made",
    "open_default_workspace",
    "open_workspace",
]
