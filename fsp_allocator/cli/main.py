"""Entry point of `fsp-allocator`.

With no subcommand it opens the desktop window (the launcher's lazy `import ui.app` is the
one upward import the layer contracts allow). Each headless subcommand lives in its own
module `fsp_allocator.cli.<name>_command` with a `register(subparsers)` function that adds
its parser and sets `handler(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from fsp_allocator import __version__
from fsp_allocator.cli.display import has_display, missing_xcb_packages, uses_xcb, xcb_fix
from fsp_allocator.cli.errors import UserError
from fsp_allocator.cli.global_options import add_global_options, refusal
from fsp_allocator.cli.terminal import escape_controls, escaped_output, plain_error

COMMAND_MODULES = (
    "demo",
    "validate",
    "allocate",
    "rebalance",
    "workspace",
    "import_annex_a",
    "service",
)

HEADLESS_HELP = """\
Headless commands:
  fsp-allocator demo --out team.xlsx            write a realistic demo team workbook
  fsp-allocator validate team.xlsx              check a workbook and report loads
  fsp-allocator allocate team.xlsx --out r.xlsx propose this week's allocation
  fsp-allocator rebalance team.xlsx --out r.xlsx re-home a leaver's caseload, relieve overload
  fsp-allocator workspace --help                the team's workspace: import, propose, accept…
  fsp-allocator service team.xlsx --out s.xlsx  every team at once: load, FTE needed and gap
  fsp-allocator plan team.xlsx --json p.json    weeks until full, projection, what-if"""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, one subparser per command module."""
    parser = argparse.ArgumentParser(
        prog="fsp-allocator",
        description="Allocate a Family Safeguarding team's new cases and defend every decision. "
        "Run without a command to open the desktop app.",
        epilog=HEADLESS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"fsp-allocator {__version__}")
    parser.add_argument(
        "--demo-service",
        action="store_true",
        help="open the window on the service demo: 17 invented teams with past weeks "
        "(made on first use, beside your own workspace, which is not touched)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"fsp_allocator.cli.{name}_command")
        module.register(subparsers)
    add_global_options(parser)  # --debug and --workspace/--db, accepted anywhere on the line
    return parser


def open_window(args: argparse.Namespace) -> int:
    """Open the desktop app, or say in one line why not and list the headless commands."""
    if not has_display():
        print(
            "fsp-allocator: no display is available, so the window cannot open "
            "(set DISPLAY, or use a headless command).",
            file=sys.stderr,
        )
        print(HEADLESS_HELP, file=sys.stderr)
        return 1
    missing = missing_xcb_packages() if uses_xcb() else []
    if missing:
        print(xcb_fix(missing), file=sys.stderr)
        return 1
    from ui.app import run  # the single upward import, allowed in pyproject's contracts

    if args.demo_service:
        return run(demo_service=True)
    return run(workspace=args.workspace)


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit flush cannot raise again (Python docs' recipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run `fsp-allocator`; returns the exit status (0 ok, 2 invalid input, 1 other)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    refused = refusal(args, sys.argv[1:] if argv is None else argv)
    if refused:
        parser.error(refused)
    try:
        if args.command is None:
            return open_window(args)
        with escaped_output():  # a hostile cell cannot drive the terminal
            status: int = args.handler(args)
        return status
    except UserError as exc:
        print(f"fsp-allocator: {escape_controls(str(exc))}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("fsp-allocator: stopped.", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the reader left: not an error
        _silence_stdout()
        return 0
    except OSError as exc:  # a full disk, an I/O error: plain words, not Python's
        if args.debug:
            raise
        from fsp_allocator.safe_write import disk_message

        print(
            f"fsp-allocator: a file could not be read or written: {disk_message(exc)}.",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # last resort: one clear line, never a traceback for a manager
        if args.debug:
            raise
        print(
            f"fsp-allocator: unexpected error ({type(exc).__name__}: "
            f"{escape_controls(plain_error(exc))}). "
            "Nothing was changed. Run again with --debug for details.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
