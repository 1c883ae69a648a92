"""Teams scoped everywhere: one team's import, proposal, accept, settings, export and
history touch that team only (issue 13, first finding: a team's import wiped the others)."""

from __future__ import annotations

from pathlib import Path

import pytest
from team_data import changed_team_book, one_team, team_rows
from workspace_proposals import first_fit_proposal

from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import OutsideScope, Workspace, open_workspace


@pytest.fixture(scope="module")
def service() -> TeamData:
    """A two-team service (seed 1)."""
    return generate(teams=2, seed=1)


def test_one_teams_import_leaves_the_other_team_byte_for_byte(
    workspace: Workspace, service: TeamData
) -> None:
    north, south = service.teams()
    workspace.import_team(service)
    workspace.narrow([south]).accept(first_fit_proposal(workspace.load()), {}, {})
    workspace.narrow(None)
    before = team_rows(workspace, south)
    assert before["decisions"] and before["load_snapshots"]

    diff = workspace.import_team(changed_team_book(service, north))

    assert team_rows(workspace, south) == before
    assert len(diff.closed_children) == 1 and not diff.removed_workers
    assert all(c.startswith("T01") for c in diff.changed_children + diff.closed_children)
    loaded = {c.child_id for c in workspace.load().children}
    assert {c.child_id for c in one_team(service, south).children} <= loaded


def test_settings_are_per_team_over_service_defaults(
    workspace: Workspace, service: TeamData
) -> None:
    north, south = service.teams()
    workspace.import_team(service)
    workspace.import_team(changed_team_book(service, north))
    assert workspace.narrow([north]).load().settings.court_cap == 4
    assert workspace.narrow([south]).load().settings.court_cap == service.settings.court_cap
    assert workspace.settings(north).court_cap == 4


def test_a_scoped_workspace_reads_and_proposes_its_team_only(
    workspace: Workspace, service: TeamData, tmp_path: Path
) -> None:
    north, south = service.teams()
    workspace.import_team(service)
    mine = workspace.narrow([north])
    data = mine.load()
    assert {w.team for w in data.workers} == {north}
    proposal = first_fit_proposal(data)
    mine.store_proposal(proposal)
    assert workspace.narrow([south]).pending_proposal() is None
    mine = workspace.narrow([north])
    mine.accept(proposal, {}, {})
    assert {d.family_id[:3] for d in mine.decisions()} == {"T01"}
    assert workspace.narrow([south]).decisions() == []
    assert {a.entity_id[:3] for a in workspace.audit() if a.entity != "settings"} == {"T02"}
    workspace.export_team(tmp_path / "south.xlsx")
    from fsp_allocator.workbook.reader import read_team

    exported = read_team(tmp_path / "south.xlsx").data
    assert exported is not None and set(exported.teams()) == {south}


def test_a_workbook_naming_another_team_is_refused_and_nothing_changes(
    workspace: Workspace, service: TeamData
) -> None:
    north, south = service.teams()
    workspace.import_team(service)
    before = (team_rows(workspace, north), team_rows(workspace, south))
    with pytest.raises(OutsideScope, match=south):
        workspace.narrow([north]).import_team(changed_team_book(service, south))
    with pytest.raises(OutsideScope):
        workspace.narrow([north]).import_team(service)
    assert (team_rows(workspace, north), team_rows(workspace, south)) == before


def test_the_command_line_import_of_a_team_outside_the_scope_exits_2(
    tmp_path: Path, service: TeamData, capsys: pytest.CaptureFixture[str]
) -> None:
    north, south = service.teams()
    db = tmp_path / "ws" / "county.sqlite"
    opened = open_workspace(db)
    opened.import_team(service)
    before = team_rows(opened, south)
    opened.close()
    book = tmp_path / "south.xlsx"
    write_team(changed_team_book(service, south), book)
    assert main(["workspace", "--db", str(db), "propose", "--team", "Nowhere"]) == 1
    assert "Nowhere" in capsys.readouterr().err
    assert main(["workspace", "--db", str(db), "import", str(book)]) == 0  # whole scope
    reopened = open_workspace(db)
    try:
        assert team_rows(reopened, south) != before
        assert team_rows(reopened, north)["workers"]
    finally:
        reopened.close()
