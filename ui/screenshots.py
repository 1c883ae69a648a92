"""Screenshots of every view on a fresh demo workspace, for the README and docs/ui.md.

    xvfb-run -a python -m ui.screenshots --out docs/screenshots

Runs the meeting on a temporary workspace: the roster, caseload and this week's children, the
re-homing of the demo leaver's caseload (one move changed by the manager), a proposal with
one family changed by the manager, workload, history after accepting, settings; then the
Service and Planning views on the 17-team service demo (`--service-only`: just those).
Nothing touches the user's own workspace or window settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fsp_allocator.domain import FamilyId
from ui.qt import QApplication, QEventLoop, QSettings, QTimer, QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow

WIDTH, HEIGHT = 1440, 880


def _settle(app: QApplication, msecs: int = 150) -> None:
    """Let layouts, charts and pending signals finish before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()
    app.processEvents()


def _wait_for(signal: object, app: QApplication, timeout_ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    app.processEvents()


def _save(widget: QWidget, out: Path, name: str, app: QApplication) -> Path:
    _settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def take(out: Path) -> list[Path]:
    """Run the meeting on a temporary demo workspace and save one PNG per view."""
    from fsp_allocator.domain import WorkerId
    from fsp_allocator.workspace import open_default_workspace
    from ui.app import application, create_window

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FSP_ALLOCATOR_WORKSPACE"] = str(Path(folder) / "workspace.sqlite")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        app = application()
        window = create_window(open_default_workspace())
        window.resize(WIDTH, HEIGHT)
        window.show()
        shots = []
        for index, name in ((0, "1-team"), (1, "2-caseload"), (2, "3-this-week")):
            window.tabs.setCurrentIndex(index)
            shots.append(_save(window, out, name, app))
        shots.append(take_rebalance(window, out, app))
        window.tabs.setCurrentIndex(3)
        window.allocate_view.allocate()
        _wait_for(window.runner.finished, app)
        review = window.session.review
        if review is not None:
            moved = next(
                (
                    r
                    for r in review.rows
                    if r.proposed_worker_id and len(review.candidates(r.family_id)) > 1
                ),
                None,
            )
            if moved is not None:
                other = next(
                    w.worker_id
                    for w in review.candidates(moved.family_id)
                    if w.worker_id != moved.proposed_worker_id
                )
                window.allocate_view.choose(moved.family_id, WorkerId(other))
                window.allocate_view.table.selectRow(
                    window.allocate_view.proxy.mapFromSource(
                        window.allocate_view.model.index(
                            window.allocate_view.model.row_of(moved.family_id), 0
                        )
                    ).row()
                )
        shots.append(_save(window, out, "4-allocate", app))
        if review is not None:
            reasons = {f: "Knows the family from an earlier episode" for f in review.overridden()}
            window.session.workspace.set_manager_name("Jo Smith (TM, FSP Banbury)")
            shots.append(save_accept_confirmation(window, reasons, out, app))
            window.session.accept(reasons)
        window.tabs.setCurrentIndex(4)
        shots.append(_save(window, out, "5-workload", app))
        window.tabs.setCurrentIndex(5)
        shots.append(_save(window, out, "6-history", app))
        window.tabs.setCurrentIndex(6)
        shots.append(_save(window, out, "7-settings", app))
        shots.append(save_backups(window, out, app))
        window.close()
        window.session.workspace.close()
        shots += take_service(out, app)
        shots.append(save_shortfall(Path(folder) / "flooded.sqlite", out, app))
    return shots


def take_rebalance(window: MainWindow, out: Path, app: QApplication) -> Path:
    """The Rebalance view for the demo leaver, reached from the Team view, one move changed by
    the manager and the rest re-optimised around it."""
    from fsp_allocator.domain import WorkerId

    team = window.team_view
    row = team.model.row_of("T01-W05")
    team.table.setCurrentIndex(team.proxy.mapFromSource(team.model.index(row, 0)))
    team.rehome_selected()
    view = window.rebalance_view
    view.find_best()
    _wait_for(window.runner.finished, app)
    rows = view.moves_model.rows
    if rows:
        other = next(w for w, _ in rows[-1].candidates if w and w != rows[-1].move.to_worker_id)
        view.choose(rows[-1].move.family_id, WorkerId(other))
        view.find_best()
        _wait_for(window.runner.finished, app)
        mine = view.moves_model.row_of(str(rows[-1].move.child_id))
        if mine >= 0:
            view.table.selectRow(view.proxy.mapFromSource(view.moves_model.index(mine, 0)).row())
            view.table.scrollTo(view.table.currentIndex())
    path = _save(window, out, "10-rebalance", app)
    window.tabs.setCurrentIndex(0)
    return path


def take_service(out: Path, app: QApplication) -> list[Path]:
    """The Service and Planning views on the 17-team service demo (a what-if starter added).

    Called with `FSP_ALLOCATOR_WORKSPACE` pointing into a temporary folder, where the
    service demo is made beside it.
    """
    from fsp_allocator.workspace.service_demo import open_service_demo
    from ui.app import create_window

    window = create_window(open_service_demo())
    window.resize(WIDTH, HEIGHT)
    window.show()
    if window.service_state.report is None:
        _wait_for(window.service_state.updated, app)
    window.tabs.setCurrentWidget(window.service_view)
    shots = [_save(window, out, "8-service", app)]
    planning = window.planning_view
    window.tabs.setCurrentWidget(planning)
    fullest = (
        max(planning.plan.teams, key=lambda t: t.before.load_ratio or 0) if planning.plan else None
    )
    if fullest is not None:
        planning.add_team.setCurrentText(fullest.team)
        planning.add_starter()
    shots.append(_save(window, out, "9-planning", app))
    window.close()
    window.session.workspace.close()
    return shots


def save_accept_confirmation(
    window: QWidget, reasons: dict[FamilyId, str], out: Path, app: QApplication
) -> Path:
    """The confirmation shown before an accept is recorded."""
    from ui.dialogs.accept_confirm import AcceptConfirmDialog, accept_summary
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow) and window.session.review is not None
    workspace = window.session.workspace
    lines = accept_summary(window.session.review, reasons, workspace.user_name, workspace.is_sqlite)
    dialog = AcceptConfirmDialog(lines, window)
    dialog.show()
    path = _save(dialog, out, "4b-accept-confirm", app)
    dialog.close()
    return path


def save_backups(window: QWidget, out: Path, app: QApplication) -> Path:
    """The Backups dialog after the accept's backup."""
    from fsp_allocator.workspace.backup import backups_dir, list_backups
    from fsp_allocator.workspace.restore import describe_backups
    from ui.dialogs.backups import BackupsDialog
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.session.workspace.backup()  # a second backup, so the list shows its order
    path = window.session.workspace.path
    assert path is not None
    dialog = BackupsDialog(describe_backups(list_backups(path)), backups_dir(path), window)
    dialog.show()
    shot = _save(dialog, out, "10-backups", app)
    dialog.close()
    return shot


def save_shortfall(workspace_path: Path, out: Path, app: QApplication) -> Path:
    """The review when capacity runs out: the demo with 40 more new families."""
    from fsp_allocator.demo.flood import flooded_demo
    from fsp_allocator.workspace import open_workspace
    from ui.app import create_window

    workspace = open_workspace(workspace_path)
    workspace.import_team(flooded_demo())
    window = create_window(workspace)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.tabs.setCurrentWidget(window.allocate_view)
    window.allocate_view.allocate()
    _wait_for(window.runner.finished, app)
    shot = _save(window, out, "4c-shortfall", app)
    window.close()
    workspace.close()
    return shot


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `--out` and take the screenshots."""
    parser = argparse.ArgumentParser(description="Screenshots of each view of the desktop app.")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument(
        "--service-only", action="store_true", help="only the Service and Planning views"
    )
    args = parser.parse_args(argv)
    if args.service_only:
        take_service_only(args.out)
    else:
        take(args.out)
    return 0


def take_service_only(out: Path) -> list[Path]:
    """The two service views alone, on a temporary service demo."""
    from ui.app import application

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FSP_ALLOCATOR_WORKSPACE"] = str(Path(folder) / "workspace.sqlite")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        return take_service(out, application())


if __name__ == "__main__":
    sys.exit(main())
