"""When capacity runs out (issue 16): the shortfall summed up, short reasons, and the same
summary from `fsp-allocator allocate`."""

from __future__ import annotations

from pathlib import Path

import pytest

from fsp_allocator.allocation.proposal import AllocationProposal
from fsp_allocator.allocation.service import propose
from fsp_allocator.allocation.shortfall import shortfall, shortfall_lines
from fsp_allocator.cli.main import main
from fsp_allocator.demo.flood import flooded_demo
from fsp_allocator.domain import TeamData
from fsp_allocator.weighting import child_weights
from fsp_allocator.workbook.writer import write_team
from solver import SolverConfig


@pytest.fixture(scope="module")
def flooded() -> tuple[TeamData, AllocationProposal]:
    data = flooded_demo()
    return data, propose(data, SolverConfig(time_limit_seconds=10))


def test_the_shortfall_sums_up_what_does_not_fit(
    flooded: tuple[TeamData, AllocationProposal],
) -> None:
    data, proposal = flooded
    found = shortfall(data, proposal)

    assert found is not None
    left = {u.child_id for u in proposal.unallocated}
    weights = child_weights(data.children, data.settings)
    assert found.children == len(left) > 30
    assert found.families == len({u.family_id for u in proposal.unallocated})
    assert found.units == pytest.approx(sum(weights[c] for c in left), abs=0.05)
    assert found.workers_worth == pytest.approx(found.units / data.settings.target_caseload)
    assert sum(n for _, n in found.by_urgency) == found.families
    assert found.by_urgency[0][0] == "court, PLO or child protection"
    text = "\n".join(shortfall_lines(found))
    assert f"{found.families} family(ies)" in text and "workers' worth at FTE 1" in text
    assert "fsp-allocator rebalance" in text and "Rebalance view" in text
    assert "overflow switch" in text and "Planning view" in text


def test_nothing_is_short_when_every_family_fits(
    flooded: tuple[TeamData, AllocationProposal],
) -> None:
    data, proposal = flooded
    placed = AllocationProposal(
        proposal.status,
        proposal.week,
        proposal.solve_seconds,
        proposal.objective,
        proposal.bound,
        proposal.allocations,
        (),
        proposal.workload,
    )
    assert shortfall(data, placed) is None


def test_each_unallocated_reason_stays_short(
    flooded: tuple[TeamData, AllocationProposal],
) -> None:
    _, proposal = flooded
    for missing in proposal.unallocated:
        assert len(missing.reason) < 400, missing.reason
        assert "% of capacity" not in missing.reason  # the figures are in "Why not?"
        assert missing.reason.startswith("No one could take this family")


def test_allocate_prints_the_shortfall(
    flooded: tuple[TeamData, AllocationProposal],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, _ = flooded
    book = tmp_path / "team.xlsx"
    write_team(data, book)

    code = main(["allocate", str(book), "--out", str(tmp_path / "r.xlsx"), "--time-limit", "5"])

    out = capsys.readouterr().out
    assert code == 0
    assert "Capacity ran out:" in out and "workers' worth at FTE 1" in out
    assert "Unallocated families by urgency:" in out and "fsp-allocator rebalance" in out


def test_workspace_propose_prints_the_shortfall_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fsp_allocator.workspace import open_workspace

    db = tmp_path / "ws.sqlite"
    workspace = open_workspace(db)
    workspace.import_team(flooded_demo())
    workspace.close()

    assert main(["workspace", "--db", str(db), "propose", "--time-limit", "5"]) == 0

    out = capsys.readouterr().out
    assert "Capacity ran out:" in out and "Ways forward:" in out
