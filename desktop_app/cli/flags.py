"""Command-line flags made from the options' declarations (core/options): name, type, default and help come
from the one place the option is declared, so the command line cannot disagree with the window."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop_app.core.options import Option, options_of


def add_command(
    commands: Any,
    name: str,
    help: str,
    run: Callable[..., int],
    model: str | None = None,
    recorded: bool = True,
    json: str = "print the result as one JSON object",
) -> argparse.ArgumentParser:
    """A command's parser with the flags the commands share: --model (when it runs a model: its help names
    the choices), --json, and --no-history for the jobs the history keeps; `run` is what it dispatches to."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help)
    if model is not None:
        parser.add_argument("--model", default="", help=model)
    parser.add_argument("--json", action="store_true", help=json)
    if recorded:
        parser.add_argument("--no-history", action="store_true", help="do not record this job in the history")
    parser.set_defaults(func=run)
    return parser


def chosen_options(args: argparse.Namespace, names: list[str]) -> dict[str, Any]:
    """The declared options as the command line set them, by name, for the request."""
    return {name: getattr(args, name) for name in names}


def add_options(parser: argparse.ArgumentParser, request_class: type, names: list[str]) -> None:
    specs = options_of(request_class)
    for name in names:
        add_option(parser, specs[name])


def add_option(parser: argparse.ArgumentParser, spec: Option) -> None:
    flag = spec.command_line_flag
    default = spec.command_line_default
    help_text = spec.help
    if spec.kind is bool:  # a flag that turns the option away from its default
        parser.add_argument(flag, dest=spec.name, action="store_false" if default else "store_true", help=help_text)
        return
    shown = "" if default in ("", None) else " (default: %(default)s)"
    choices = [value for value, _ in spec.choices] or None
    parser.add_argument(
        flag, dest=spec.name, type=_parser_type(spec), default=default, choices=choices, help=help_text + shown
    )


def _parser_type(spec: Option) -> Any:
    """int options say their lower bound at the argument (exit 2); the rest are checked by the request
    (exit 4, with the option's own words)."""
    if spec.kind is int and spec.minimum is not None:
        return _at_least(int(spec.minimum))
    return spec.kind


def _at_least(minimum: int) -> Any:
    def parse(text: str) -> int:
        value = int(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more")
        return value

    parse.__name__ = "int"  # argparse names the type in its messages ("invalid int value")
    return parse


def positive_int(text: str) -> int:
    result: int = _at_least(1)(text)
    return result
