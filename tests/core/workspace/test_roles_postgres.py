"""Who may do what, enforced by PostgreSQL itself (issue 13): each manager's login sees and
changes only their team's rows, the application role cannot rewrite the record or disable
its triggers, and the name on a decision is the login."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from team_data import changed_team_book, team_rows
from workspace_proposals import first_fit_proposal

from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.domain import TeamData
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import OutsideScope, Workspace, WorkspaceError, open_workspace

pytestmark = pytest.mark.postgres
_logins = itertools.count(1)


@dataclass
class Service:
    """A two-team service on one database: the owner's URL and each login's."""

    data: TeamData
    owner: str
    north: str
    south: str
    urls: dict[str, str]

    def open(self, who: str) -> Workspace:
        return open_workspace(self.urls[who])


@pytest.fixture
def service(pg_url: str) -> Iterator[Service]:
    """Two team managers and a head of service, each with their own login."""
    data = generate(teams=2, seed=1)
    north, south = data.teams()
    n = next(_logins)
    logins = {"ann": f"ann_{n}", "bob": f"bob_{n}", "hos": f"hos_{n}"}
    owner = open_workspace(pg_url)
    owner.import_team(data)
    owner.close()
    for who, team in (("ann", north), ("bob", south)):
        assert (
            main(["workspace", "--db", pg_url, "admin", "add-manager", logins[who], "--team", team])
            == 0
        )
    assert (
        main(["workspace", "--db", pg_url, "admin", "add-manager", logins["hos"], "--service"]) == 0
    )
    url = make_url(pg_url)
    urls = {
        who: url.set(username=login).render_as_string(hide_password=False)
        for who, login in logins.items()
    }
    urls["owner"] = pg_url
    yield Service(data, pg_url, north, south, urls)


def test_each_manager_sees_and_changes_only_their_team(service: Service) -> None:
    ann, bob, hos = service.open("ann"), service.open("bob"), service.open("hos")
    try:
        assert {w.team for w in ann.load().workers} == {service.north}
        assert {w.team for w in bob.load().workers} == {service.south}
        assert set(hos.load().teams()) == {service.north, service.south}
        south_worker = bob.load().workers[0]
        with pytest.raises(OutsideScope):
            ann.save_worker(south_worker)
        with pytest.raises(OutsideScope):
            ann.narrow([service.south])
        # the database itself: ann's connection reaches no south row, even by raw SQL
        with ann._engine.begin() as conn:
            seen = conn.execute(
                text("SELECT count(*) FROM children WHERE home_team = :t"), {"t": service.south}
            ).scalar_one()
            changed = conn.execute(
                text("UPDATE workers SET fte = 0 WHERE team = :t"), {"t": service.south}
            ).rowcount
        assert (seen, changed) == (0, 0)
    finally:
        for workspace in (ann, bob, hos):
            workspace.close()


def test_one_managers_import_and_accept_leave_the_other_team_unchanged(
    service: Service, tmp_path_factory: pytest.TempPathFactory
) -> None:
    owner = service.open("owner")
    before = team_rows(owner, service.south)
    ann = service.open("ann")
    try:
        ann.import_team(changed_team_book(service.data, service.north))
        proposal = first_fit_proposal(ann.load())
        ann.store_proposal(proposal)
        ann.accept(proposal, {}, {})
        assert {d.decided_by for d in ann.decisions()} == {ann.user_name}
        assert ann.user_name.startswith("ann_")
    finally:
        ann.close()
    try:
        assert team_rows(owner, service.south) == before
        assert owner.check() == []
    finally:
        owner.close()
    book = tmp_path_factory.mktemp("books") / "south.xlsx"
    write_team(changed_team_book(service.data, service.south), book)
    assert main(["workspace", "--db", service.urls["ann"], "import", str(book)]) == 2
    owner = service.open("owner")
    try:
        assert team_rows(owner, service.south) == before
    finally:
        owner.close()


def test_the_name_on_a_decision_is_the_login(service: Service) -> None:
    ann = service.open("ann")
    try:
        proposal = first_fit_proposal(ann.load())
        ann.store_proposal(proposal)
        assert main(["workspace", "--db", service.urls["ann"], "accept", "--as", "Someone"]) == 1
        with pytest.raises(DBAPIError, match="row-level security"), ann._engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audit (id, at, user_name, action, entity, entity_id, team) "
                    "VALUES (100000, now(), 'Someone Else', 'x', 'x', 'x', :t)"
                ),
                {"t": service.north},
            )
    finally:
        ann.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit SET user_name = 'x'",
        "DELETE FROM audit",
        "TRUNCATE audit",
        "DELETE FROM decisions",
        "ALTER TABLE audit DISABLE TRIGGER USER",
        "DROP TRIGGER audit_append_only ON audit",
    ],
)
def test_the_application_role_cannot_rewrite_the_record(service: Service, statement: str) -> None:
    engine = create_engine(service.urls["hos"])  # even the head of service
    try:
        with (
            pytest.raises(DBAPIError, match=r"permission denied|must be owner"),
            engine.begin() as conn,
        ):
            conn.execute(text(statement))
    finally:
        engine.dispose()


def test_check_reports_a_disabled_trigger_and_a_granted_privilege(service: Service) -> None:
    engine = create_engine(service.owner)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE decisions DISABLE TRIGGER decisions_append_only"))
        conn.execute(text("GRANT UPDATE ON audit TO fsp_app"))
    engine.dispose()
    owner = service.open("owner")
    try:
        problems = " ".join(owner.check())
    finally:
        owner.close()
    assert "decisions_append_only" in problems and "disabled" in problems
    assert "fsp_app may UPDATE the audit table" in problems


def test_check_names_the_first_tampered_row(service: Service) -> None:
    engine = create_engine(service.owner)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit SET new = 'changed' WHERE id = 3"))
        conn.execute(text("ALTER TABLE audit ENABLE TRIGGER USER"))
    engine.dispose()
    owner = service.open("owner")
    try:
        assert any("audit row 3 does not match its hash" in p for p in owner.check())
    finally:
        owner.close()


def test_admin_list_and_remove(service: Service, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workspace", "--db", service.owner, "admin", "list"]) == 0
    listed = capsys.readouterr().out
    assert service.north in listed and "head of service" in listed
    ann_login = make_url(service.urls["ann"]).username
    assert main(["workspace", "--db", service.owner, "admin", "remove", str(ann_login)]) == 0
    ann = service.open("ann")
    try:
        assert ann.load().workers == ()
    finally:
        ann.close()
    with pytest.raises(WorkspaceError, match="owner"):
        bob = service.open("bob")
        try:
            bob.add_manager("eve_x", [service.south])
        finally:
            bob.close()
