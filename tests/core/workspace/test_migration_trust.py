"""Migration 0002_workspace_trust on an existing workspace: its rows get their home team,
gap-free ids and the hash chain, so `check` proves the record from then on."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from fsp_allocator.workspace import open_workspace
from fsp_allocator.workspace.schema import alembic_config

ROWS = (
    "INSERT INTO workers (worker_id, seq, name, role, fte, team, agency, accepting, skills,"
    " extra) VALUES ('W1', 0, 'Ann', 'SW', 1.0, 'North', false, true, '[]', '{}')",
    "INSERT INTO children (child_id, seq, family_id, stage, worker_id, factors, needs,"
    " adult_worker_ids, exclude_worker_ids, extra, version) VALUES ('C1', 0, 'F1', 'CIN',"
    " 'W1', '[]', '[]', '[]', '[]', '{}', 1)",
    "INSERT INTO children (child_id, seq, family_id, stage, factors, needs,"
    " adult_worker_ids, exclude_worker_ids, extra, version) VALUES ('C2', 1, 'F1', 'CIN',"
    " '[]', '[]', '[]', '[]', '{}', 1)",
    "INSERT INTO audit (id, at, user_name, action, entity, entity_id) VALUES"
    " (1, '2026-11-02 10:00:00', 'ann', 'insert', 'worker', 'W1')",
    "INSERT INTO audit (id, at, user_name, action, entity, entity_id) VALUES"
    " (4, '2026-11-02 10:00:01', 'ann', 'accept', 'allocation', 'C1')",
    "INSERT INTO decisions (id, week, child_id, family_id, worker_id, decided_by, decided_at,"
    " reasons) VALUES (2, '2026-11-02', 'C1', 'F1', 'W1', 'ann', '2026-11-02 10:00:01', '[]')",
)


def test_an_older_workspace_is_migrated_with_its_chain(workspace_target: str) -> None:
    url = workspace_target if "://" in workspace_target else f"sqlite:///{workspace_target}"
    if "://" not in workspace_target:
        from pathlib import Path

        Path(workspace_target).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
        for statement in ROWS:
            conn.execute(text(statement))
    engine.dispose()

    workspace = open_workspace(workspace_target)
    try:
        assert workspace.check() == []
        assert [a.id for a in workspace.audit()] == [1, 2]
        assert {c.child_id for c in workspace.narrow(["North"]).load().children} == {"C1", "C2"}
        assert [a.entity_id for a in workspace.audit()] == ["W1", "C1"]
    finally:
        workspace.close()
    engine = create_engine(url)
    with engine.connect() as conn:
        hashes = conn.execute(text("SELECT hash FROM decisions")).scalars().all()
        teams = conn.execute(text("SELECT team FROM audit ORDER BY id")).scalars().all()
    engine.dispose()
    assert len(hashes) == 1 and len(hashes[0]) == 64
    assert teams == ["North", "North"]
