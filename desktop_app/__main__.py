"""`desktop-app` and `python -m desktop_app`: the window by default, a command-line tool with a command."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from desktop_app.cli import COMMANDS

    if args and (args[0] in COMMANDS or args[0].startswith("-")):
        from desktop_app.cli import main as cli_main

        return cli_main(args)
    if args and args[0] == "gui":
        args = args[1:]
    elif args:
        from desktop_app.cli import main as cli_main

        return cli_main(args)  # an unknown command: argparse says what the commands are, exit 2
    from desktop_app.app import run_gui

    return run_gui([sys.argv[0], *args])


if __name__ == "__main__":
    sys.exit(main())
