"""The service demo: a workspace of 17 invented teams with past weeks, to try the service views.

`fsp-allocator --demo-service` opens the window on it. It is its own SQLite file beside the
default workspace (`service-demo.sqlite`), made on first use through real weekly cycles
(`demo_weeks`), so the Service view has every team and the Planning view measured rates;
it is marked as a demo, and the manager's own workspace is never touched.
"""

from __future__ import annotations

from pathlib import Path

from fsp_allocator.paths import default_workspace_path
from fsp_allocator.workspace.opening import DEMO_USER, open_workspace
from fsp_allocator.workspace.store import Workspace

SERVICE_DEMO_FILE = "service-demo.sqlite"
SERVICE_DEMO_SEED = 1


def service_demo_path() -> Path:
    """The service demo's file: beside the default workspace."""
    return default_workspace_path().with_name(SERVICE_DEMO_FILE)


def service_demo_will_be_made() -> bool:
    """Whether opening the service demo now makes it (some seconds' work, once)."""
    return not service_demo_path().exists()


def open_service_demo() -> Workspace:
    """The 17-team demo workspace, made (with four past weeks) on first use."""
    from fsp_allocator.demo import COUNTY_TEAMS, generate
    from fsp_allocator.workspace.demo_weeks import seed_demo_history

    path = service_demo_path()
    first = not path.exists()
    workspace = open_workspace(path)
    if first:
        try:
            data = generate(teams=COUNTY_TEAMS, seed=SERVICE_DEMO_SEED)
            seed_demo_history(workspace, data, DEMO_USER, seed=SERVICE_DEMO_SEED)
            workspace.mark_demo(True)
        except BaseException:
            workspace.close()
            path.unlink(missing_ok=True)  # half a demo is no demo: made again next time
            raise
    return workspace
