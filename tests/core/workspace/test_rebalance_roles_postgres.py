"""A team manager's own login rebalances and accepts on a shared PostgreSQL workspace: the
new table's grants and row-level security let them, and keep the other team out."""

from __future__ import annotations

import pytest
from rebalance_data import checked
from test_roles_postgres import Service, service  # noqa: F401  (the fixture)

from fsp_allocator.domain import WorkerId
from fsp_allocator.workspace.rebalancing import propose_rebalance

pytestmark = pytest.mark.postgres


def test_a_team_manager_rebalances_and_accepts_their_own_team(service: Service) -> None:  # noqa: F811
    ann, bob, owner = service.open("ann"), service.open("bob"), service.open("owner")
    try:
        data = ann.load()
        counts: dict[str, int] = {}
        for child in data.open_children():
            assert child.worker_id is not None
            counts[child.worker_id] = counts.get(child.worker_id, 0) + 1
        leaver = WorkerId(max(sorted(counts), key=lambda w: counts[w]))
        run = checked(propose_rebalance(ann, (leaver,)))
        assert ann.pending_rebalance() == run.result()
        assert bob.pending_rebalance() is None  # bob's scope, and RLS, see none of it
        done = ann.accept_rebalance(run.result())
        assert done.moved == len(run.result().moves) > 0
        moves = [d for d in ann.decisions() if d.kind == "move"]
        assert moves and {d.decided_by for d in moves} == {ann.user_name}
        assert [d for d in bob.decisions() if d.kind == "move"] == []
        assert owner.check() == []
    finally:
        for workspace in (ann, bob, owner):
            workspace.close()
