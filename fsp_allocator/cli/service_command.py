"""`fsp-allocator service` and `fsp-allocator plan`: every team at once (docs/service.md).

    fsp-allocator service TEAM.xlsx --out SERVICE.xlsx [--json SERVICE.json] [--week ...]
    fsp-allocator plan TEAM.xlsx --json PLAN.json [--out PLAN.xlsx] [--weeks 12]
        [--intake N] [--closures N] [--add TEAM:ROLE:FTE ...] [--remove WORKER ...]

and the same two under `fsp-allocator workspace [--db URL] …`, every team of the workspace,
the plan's rates measured from its accepted weeks. Exit status: 0 written; 2 invalid input
(an invalid workbook, or a bad argument, each named), nothing written; 1 anything else.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from fsp_allocator.cli.arguments import week_date
from fsp_allocator.cli.errors import UserError
from fsp_allocator.domain import TeamData

INVALID_INPUT = 2


def weeks_argument(text: str) -> int:
    """A plan horizon: a whole number of weeks from 1 to 104."""
    from fsp_allocator.service.plan import MAX_WEEKS, MIN_WEEKS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks") from None
    if not MIN_WEEKS <= value <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            f"{value} is outside {MIN_WEEKS}-{MAX_WEEKS} weeks; give a horizon within two years"
        )
    return value


def rate_argument(text: str) -> float:
    """A rate: weighted units a week, 0 or more."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative or not a number; a rate is 0 or more")
    return value


def add_service_arguments(parser: argparse.ArgumentParser) -> None:
    """`--out` and `--json` of the service report."""
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="SERVICE.xlsx",
        help="the service report workbook to write",
    )
    parser.add_argument("--json", type=Path, metavar="SERVICE.json", help="also write JSON")


def add_plan_arguments(parser: argparse.ArgumentParser) -> None:
    """The plan's outputs, horizon, rates and what-if changes."""
    from fsp_allocator.service.plan import DEFAULT_WEEKS

    parser.add_argument("--json", type=Path, metavar="PLAN.json", help="write the plan as JSON")
    parser.add_argument("--out", type=Path, metavar="PLAN.xlsx", help="write the plan workbook")
    parser.add_argument(
        "--weeks",
        type=weeks_argument,
        default=DEFAULT_WEEKS,
        metavar="N",
        help="weeks to project, 1-104 (default %(default)s)",
    )
    parser.add_argument(
        "--intake",
        type=rate_argument,
        metavar="N",
        help="weighted units arriving a week, per team (default: measured, or this week's)",
    )
    parser.add_argument(
        "--closures",
        type=rate_argument,
        metavar="N",
        help="weighted units closing a week, per team (default: measured, or 0)",
    )
    parser.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="TEAM:ROLE:FTE",
        help="what if a worker joined TEAM (e.g. North:SW:1); repeatable",
    )
    parser.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="WORKER",
        help="what if this worker left (their children stay in the team's load); repeatable",
    )


def register(subparsers: Any) -> None:
    """Add the `service` and `plan` commands (the workbook forms)."""
    service = subparsers.add_parser(
        "service",
        help="the service report: every team's load, capacity and FTE gap",
        description="Report every team of the workbook at once: lead workers, capacity, load, "
        "over-capacity workers, court work, new children and the FTE the load needs. "
        "Allocates nothing.",
    )
    service.add_argument("team", type=Path, metavar="TEAM.xlsx", help="the workbook (all teams)")
    add_service_arguments(service)
    service.add_argument("--week", type=week_date, metavar="YYYY-MM-DD", help="the week")
    service.set_defaults(handler=run_service)
    plan = subparsers.add_parser(
        "plan",
        help="capacity planning: weeks until full, projection, what-if roster changes",
        description="Project each team's load ratio forward with intake and closure rates, "
        "say when each team will be full, and compare what-if roster changes side by side.",
    )
    plan.add_argument("team", type=Path, metavar="TEAM.xlsx", help="the workbook (all teams)")
    add_plan_arguments(plan)
    plan.add_argument("--week", type=week_date, metavar="YYYY-MM-DD", help="the week")
    plan.set_defaults(handler=run_plan)


def register_workspace(commands: Any) -> None:
    """Add `workspace service` and `workspace plan` (every team of the workspace)."""
    service = commands.add_parser("service", help="the service report of every team")
    add_service_arguments(service)
    service.set_defaults(handler=run_workspace_service)
    plan = commands.add_parser("plan", help="capacity planning from the workspace's own history")
    add_plan_arguments(plan)
    plan.set_defaults(handler=run_workspace_plan)


def _read(path: Path, week: Any) -> TeamData | None:
    """The workbook's data, or None after listing every problem (exit 2)."""
    from fsp_allocator.workbook.reader import read_team

    if not path.exists():
        raise UserError(f"{path} does not exist.")
    result = read_team(path, week=week)
    for problem in result.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    if not result.ok or result.data is None:
        for problem in result.errors:
            print(f"error: {problem}", file=sys.stderr)
        print(
            f"{len(result.errors)} problem(s) in {path.name}; nothing was written.", file=sys.stderr
        )
        return None
    return result.data


def _written(paths: list[Path]) -> None:
    print(f"Written: {', '.join(str(p) for p in paths)}")


def _report_out(report: Any, args: argparse.Namespace) -> int:
    from fsp_allocator.result.json_writer import write_json_file
    from fsp_allocator.service.report_excel import write_report_excel
    from fsp_allocator.service.report_json import report_dict
    from fsp_allocator.service.summary import report_lines

    try:
        write_report_excel(report, args.out)
        written = [args.out]
        if args.json is not None:
            write_json_file(report_dict(report), args.json)
            written.append(args.json)
    except OSError as exc:
        raise UserError(f"could not write the report ({exc.strerror or exc}).") from None
    for line in report_lines(report):
        print(line)
    _written(written)
    return 0


def run_service(args: argparse.Namespace) -> int:
    """The service report of a workbook."""
    from fsp_allocator.service.figures import service_report

    data = _read(args.team, args.week)
    if data is None:
        return INVALID_INPUT
    return _report_out(service_report(data), args)


def run_workspace_service(args: argparse.Namespace) -> int:
    """The service report of every team in the workspace."""
    from fsp_allocator.cli.workspace_command import opened
    from fsp_allocator.service.figures import service_report
    from fsp_allocator.service.rates import last_week_unallocated

    with opened(args) as workspace:
        data, weeks = workspace.load(), workspace.week_records()
    report = service_report(data, last_week_unallocated(weeks), source="workspace")
    return _report_out(report, args)


def _plan_out(data: TeamData, rates: Any, args: argparse.Namespace, source: str) -> int:
    from fsp_allocator.result.json_writer import write_json_file
    from fsp_allocator.service.plan import make_plan
    from fsp_allocator.service.plan_output import plan_dict, write_plan_excel
    from fsp_allocator.service.rates import with_overrides
    from fsp_allocator.service.summary import plan_lines
    from fsp_allocator.service.whatif import WhatIfError, parse_changes

    try:
        changes = parse_changes(args.add, args.remove, data)
    except WhatIfError as bad:
        for problem in bad.problems:
            print(f"error: {problem}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return INVALID_INPUT
    rates = with_overrides(rates, args.intake, args.closures)
    plan = make_plan(data, rates, changes, weeks=args.weeks, source=source)
    written = []
    try:
        if args.json is not None:
            write_json_file(plan_dict(plan), args.json)
            written.append(args.json)
        if args.out is not None:
            write_plan_excel(plan, args.out)
            written.append(args.out)
    except OSError as exc:
        raise UserError(f"could not write the plan ({exc.strerror or exc}).") from None
    for line in plan_lines(plan):
        print(line)
    _written(written)
    return 0


def _need_output(args: argparse.Namespace) -> None:
    if args.json is None and args.out is None:
        raise UserError("give --json PLAN.json and/or --out PLAN.xlsx", INVALID_INPUT)


def run_plan(args: argparse.Namespace) -> int:
    """The plan of a workbook: rates given, else this week's intake and no closures."""
    from fsp_allocator.service.rates import workbook_rates

    _need_output(args)
    data = _read(args.team, args.week)
    if data is None:
        return INVALID_INPUT
    return _plan_out(data, workbook_rates(data), args, "workbook")


def run_workspace_plan(args: argparse.Namespace) -> int:
    """The plan of the workspace: rates measured from its last 8 accepted weeks."""
    from fsp_allocator.cli.workspace_command import opened
    from fsp_allocator.service.rates import measured_rates

    _need_output(args)
    with opened(args) as workspace:
        data, weeks = workspace.load(), workspace.week_records()
    return _plan_out(data, measured_rates(weeks, data.teams()), args, "workspace")
