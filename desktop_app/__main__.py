"""`desktop-app` and `python -m desktop_app`: the window by default, a command-line tool with a command, and
the window with files opened when it is given files (a launcher's "Open with")."""

from __future__ import annotations

import os
import sys

from desktop_app import CHILD_ENV, WORKER_ENV


def main(argv: list[str] | None = None) -> int:
    if CHILD_ENV in os.environ:  # started by this program to do one piece of work apart (core/child_process.py)
        from desktop_app.core.child_process import serve

        return serve()
    if WORKER_ENV in os.environ:  # started by the window to hold its models (workers/worker_process.py)
        from desktop_app.workers.worker_process import serve as serve_models

        return serve_models()
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "gui":
        args = args[1:]
    elif args and not _all_files(args):
        from desktop_app.cli import main as cli_main

        return cli_main(args)  # a command, --version or --help; an unknown word gets argparse's list of commands
    from desktop_app.app import run_gui

    files = [os.path.abspath(a) for a in args if os.path.exists(a)]
    return run_gui([sys.argv[0], *(a for a in args if not os.path.exists(a))], files)  # the rest is Qt's


def _all_files(args: list[str]) -> bool:
    """Files or folders that exist, and no command: what a launcher passes for %F."""
    if not all(not a.startswith("-") and os.path.exists(a) for a in args):
        return False
    from desktop_app.cli import COMMANDS  # only now: the window's start-up does not load the command line

    return args[0] not in COMMANDS


if __name__ == "__main__":
    sys.exit(main())
