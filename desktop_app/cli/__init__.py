"""Headless commands over the same engines as the window, for scripting and batch work: one module per command,
each with `register(commands)` and `run(args, session) -> exit code`.

Exit codes: 0 success, 1 unexpected error, 2 bad arguments, 3 model missing or unloadable, 4 invalid input (or
an output that cannot be written), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app import APP_NAME, __version__
from desktop_app.cli import (
    attention,
    augment,
    batch,
    caption,
    compress,
    distil,
    explain,
    fuse,
    generate,
    match,
    models,
    search,
    transcribe,
    translate,
    tune,
)
from desktop_app.cli.session import EXIT_ERROR, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_MODEL, EXIT_USAGE, Session, fail
from desktop_app.core.errors import (
    AppError,
    DiskSpaceError,
    DownloadError,
    InvalidRequestError,
    ModelLoadError,
    ModelNotFoundError,
    OutputError,
)
from desktop_app.store.paths import AppPaths

MODULES = (
    generate,
    transcribe,
    caption,
    translate,
    attention,
    explain,
    fuse,
    match,
    search,
    compress,
    distil,
    tune,
    augment,
    batch,
    models,
)
COMMANDS = tuple(module.NAME for module in MODULES)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME, description="Offline multimodal AI workbench. Without a command, the window opens."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(commands)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from desktop_app.core.environment import configure_environment

    configure_environment()
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 prints as the bytes it is
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    paths = AppPaths.from_environment().ensure()
    try:
        code: int = args.func(args, Session(paths, args))
        return code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (ModelNotFoundError, ModelLoadError, DownloadError, DiskSpaceError) as error:
        return fail(error, EXIT_MODEL)
    except (InvalidRequestError, OutputError) as error:
        return fail(error, EXIT_INPUT)
    except AppError as error:
        return fail(error, EXIT_ERROR)
    except Exception as error:  # a bug: one sentence here, the traceback in a report file, never on screen
        from desktop_app.cli.console import print_crash

        print_crash(error, paths.data_dir, {"command": args.command})
        return EXIT_ERROR
