"""Migration 0004_rebalance_moves on a workspace with a record: the rows written before it
keep their hashes and verify, and a rebalance's move rows then join the same chain."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from rebalance_data import checked
from sqlalchemy import create_engine, text
from test_migration_trust import ROWS

from fsp_allocator.domain import Role, TeamName, Worker, WorkerId
from fsp_allocator.workspace import open_workspace
from fsp_allocator.workspace.rebalancing import propose_rebalance
from fsp_allocator.workspace.schema import alembic_config


def test_rows_from_before_0004_verify_and_moves_join_the_chain(workspace_target: str) -> None:
    url = workspace_target if "://" in workspace_target else f"sqlite:///{workspace_target}"
    if "://" not in workspace_target:
        Path(workspace_target).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
        for statement in ROWS:
            conn.execute(text(statement))
        command.upgrade(config, "0003_hostile_files")
        before = conn.execute(text("SELECT id, hash FROM decisions ORDER BY id")).all()
    engine.dispose()
    assert len(before) == 1

    workspace = open_workspace(workspace_target)  # migrates to 0004
    try:
        assert workspace.check() == []
        workspace.save_worker(Worker(WorkerId("W2"), "Bo", Role.SW, 1.0, TeamName("North")))
        run = checked(propose_rebalance(workspace, (WorkerId("W1"),)))
        assert [(m.child_id, m.to_worker_id) for m in run.result().moves] == [("C1", "W2")]
        assert workspace.accept_rebalance(run.result()).moved == 1
        assert workspace.check() == []
    finally:
        workspace.close()
    engine = create_engine(url)
    with engine.connect() as conn:
        after = conn.execute(
            text("SELECT id, hash, kind, from_worker_id FROM decisions ORDER BY id")
        ).all()
    engine.dispose()
    assert [(r.id, r.hash) for r in after[:1]] == [tuple(before[0])]
    assert [(r.kind, r.from_worker_id) for r in after] == [("allocation", None), ("move", "W1")]
