"""Every command, `workspace` subcommand and option says what it is for (issue 16:
`workspace` subcommands and `allocate --out` had no help text)."""

from __future__ import annotations

import argparse

from fsp_allocator.cli.main import build_parser


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def _missing(parser: argparse.ArgumentParser, path: str) -> list[str]:
    missing = [
        f"{path} {'/'.join(action.option_strings) or action.dest}"
        for action in parser._actions
        if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))
        and action.help in (None, "")
    ]
    commands = _subparsers(parser)
    if commands is not None:
        helped = {choice.dest for choice in commands._choices_actions if choice.help}
        for name, child in commands.choices.items():
            if name not in helped:
                missing.append(f"{path} {name} (the command itself)")
            missing += _missing(child, f"{path} {name}")
    return missing


def test_every_command_and_option_has_help_text() -> None:
    assert _missing(build_parser(), "fsp-allocator") == []
