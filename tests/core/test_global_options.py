"""--db / --workspace and --debug are accepted anywhere on the line, honoured, or refused.

Defect (issue 16): `fsp-allocator --workspace x.sqlite workspace import team.xlsx` imported
into the default workspace and never created x.sqlite. Defect (issue 15):
`fsp-allocator workspace import team.xlsx --db x.sqlite` failed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fsp_allocator.cli.main import main
from fsp_allocator.demo import generate
from fsp_allocator.workbook.writer import write_team
from fsp_allocator.workspace import open_workspace


@pytest.fixture(autouse=True)
def _default_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default = tmp_path / "default" / "workspace.sqlite"
    monkeypatch.setenv("FSP_ALLOCATOR_WORKSPACE", str(default))
    return default


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team") / "team.xlsx"
    write_team(generate(teams=1, seed=3), path)
    return path


def _lines(option: str, db: str, team: Path) -> list[list[str]]:
    """`workspace import TEAM` with the option in every position (and `--opt=value`)."""
    tail = ["workspace", "import", str(team)]
    return [[*tail[:i], option, db, *tail[i:]] for i in range(len(tail) + 1)] + [
        [f"{option}={db}", *tail],
        [*tail, f"{option}={db}"],
    ]


@pytest.mark.parametrize("option", ["--db", "--workspace"])
def test_the_workspace_option_is_honoured_in_every_position(
    option: str,
    tmp_path: Path,
    team: Path,
    _default_workspace: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for number, line in enumerate(_lines(option, "DB", team)):
        db = tmp_path / f"ws{number}.sqlite"
        argv = [a.replace("DB", str(db)) for a in line]
        assert main(argv) == 0, argv
        workspace = open_workspace(db)
        assert len(workspace.load().children) > 0, argv
        workspace.close()
    capsys.readouterr()
    assert not _default_workspace.exists()  # never silently the default


@pytest.mark.parametrize("position", [0, 1, 3, 4, 5])
def test_debug_is_accepted_anywhere(position: int, tmp_path: Path, team: Path) -> None:
    line = ["workspace", "--db", str(tmp_path / "w.sqlite"), "import", str(team)]
    line.insert(position, "--debug")
    assert main(line) == 0
    assert main(["workspace", "--db", str(tmp_path / "w.sqlite"), "check", "--debug"]) == 0


def test_two_different_workspaces_on_one_line_are_refused(
    tmp_path: Path, team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with pytest.raises(SystemExit) as exit_info:
        main(["--workspace", str(a), "workspace", "import", str(team), "--db", str(b)])
    assert exit_info.value.code == 2
    assert "two different workspaces" in capsys.readouterr().err
    assert not a.exists() and not b.exists()
    assert main(["--db", str(a), "workspace", "import", str(team), "--db", str(a)]) == 0


@pytest.mark.parametrize(
    "command",
    [["validate", "TEAM"], ["demo", "--out", "OUT"], ["allocate", "TEAM", "--out", "OUT"]],
)
def test_a_command_that_uses_no_workspace_refuses_one(
    command: list[str], tmp_path: Path, team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.replace("TEAM", str(team)).replace("OUT", str(tmp_path / "o.xlsx")) for a in command]
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--db", str(tmp_path / "w.sqlite")])
    assert exit_info.value.code == 2
    assert "would be ignored" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists() and not (tmp_path / "w.sqlite").exists()


def test_the_window_gets_the_workspace_named_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    import fsp_allocator.cli.main as cli

    opened: list[str | None] = []
    monkeypatch.setattr(cli, "has_display", lambda: True)

    def run(workspace: str | None = None) -> int:
        opened.append(workspace)
        return 0

    monkeypatch.setattr("ui.app.run", run)
    assert cli.main(["--db", "x.sqlite"]) == 0
    assert cli.main(["--workspace=y.sqlite", "--debug"]) == 0
    assert opened == ["x.sqlite", "y.sqlite"]
