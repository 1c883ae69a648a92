"""Global options accepted anywhere on the line, as git and pip accept theirs.

`--debug`, and the workspace as `--workspace FILE_OR_URL` or `--db FILE_OR_URL` (one option,
two names), may come before the command, after it, or after a workspace subcommand:
`fsp-allocator workspace import team.xlsx --db x.sqlite` is
`fsp-allocator --db x.sqlite workspace import team.xlsx`. Each is added to every parser of
the tree with a suppressed default, so a later parser never resets an earlier value; the
values given are collected on the side, so two different workspaces named on one line are
refused rather than one silently winning, and `refusal` says when a command that uses no
workspace was given one.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import Any

WORKSPACE_NAMES = ("--workspace", "--db")
WORKSPACE_HELP = (
    "the workspace: a .sqlite file or a postgresql+psycopg:// URL (default: your own "
    "workspace, a demo on first run); accepted anywhere on the line"
)
# Commands that work on a workspace (None: no command, the window).
USES_WORKSPACE = frozenset({None, "workspace"})


class _Remember(argparse.Action):
    """Store the value, and note every value given on the line (to refuse two different)."""

    def __init__(self, *args: Any, given: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.given = given

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.given.append(str(values))
        if len(set(self.given)) > 1:
            parser.error(
                "two different workspaces were named ("
                + " and ".join(dict.fromkeys(self.given))
                + "); give --workspace (or --db) once"
            )
        setattr(namespace, self.dest, values)


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every subparser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from _parsers(child)


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """Add `--debug` and `--workspace`/`--db` to `parser` and all its subparsers."""
    given: list[str] = []
    for index, each in enumerate(_parsers(parser)):
        top = index == 0
        each.add_argument(
            "--debug",
            action="store_true",
            default=False if top else argparse.SUPPRESS,
            help="show full error details (for developers)" if top else argparse.SUPPRESS,
        )
        each.add_argument(
            *WORKSPACE_NAMES,
            dest="workspace",
            action=_Remember,
            given=given,
            metavar="FILE_OR_URL",
            default=None if top else argparse.SUPPRESS,
            help=WORKSPACE_HELP,
        )


def refusal(args: argparse.Namespace, argv: Sequence[str]) -> str | None:
    """Why the line cannot run as given (a workspace named for a command that uses none)."""
    command = getattr(args, "command", None)
    if getattr(args, "workspace", None) is None or command in USES_WORKSPACE:
        return None
    named = next((a.split("=")[0] for a in argv if a.split("=")[0] in WORKSPACE_NAMES), "--db")
    return (
        f"`{command}` works on files, not on a workspace, so {named} would be ignored; "
        "leave it out, or use `fsp-allocator workspace …` to work on the workspace"
    )
