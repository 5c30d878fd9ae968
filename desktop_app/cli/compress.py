"""`desktop-app compress TASK`: int8-quantize or prune a model and run it against the original on the same
input, side by side: size on disk and in memory, load time, speed and both outputs."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table

from desktop_app.cli.console import ConsoleProgress, print_json
from desktop_app.cli.flags import add_command, add_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.requests import COMPRESSION_METHODS, COMPRESSION_TASKS, CompressionRequest
from desktop_app.core.results import CompressionReport

NAME = "compress"


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "int8-quantize or prune a model and compare it with the original",
        run,
        model="model folder, Hugging Face id or known name (default: the task's)",
        recorded=False,
    )
    parser.add_argument("for_task", choices=COMPRESSION_TASKS, metavar="TASK", help=", ".join(COMPRESSION_TASKS))
    parser.add_argument("--method", choices=tuple(COMPRESSION_METHODS), default="int8")
    add_options(parser, CompressionRequest, ["amount"])
    parser.add_argument(
        "--input",
        default="",
        help="what both versions run on: a prompt or text (generate, "
        "translate), an image (caption) or an audio file (transcribe)",
    )
    parser.add_argument("--src", default="", help="translate: source language code")
    parser.add_argument("--tgt", default="", help="translate: target language code")


def run(args: argparse.Namespace, session: Session) -> int:
    request = CompressionRequest(args.for_task, args.model, args.method, args.amount, args.input, args.src, args.tgt)

    def show(report: CompressionReport, status: str) -> None:
        if args.json:
            print_json(
                {
                    **report.as_dict(),
                    "same_output": report.same_output,
                    "model": asdict(report.model),
                    "method": report.method,
                },
            )
        else:
            Console(soft_wrap=True).print(table(report))

    session.run(request, show, progress=ConsoleProgress())
    return EXIT_OK


def table(report: CompressionReport) -> Table:
    grid = Table(
        title=f"{report.model.ref}: {report.summary()}",
        title_justify="left",
        caption=f"original: {report.before.output}\ncompressed: {report.after.output}\n"
        f"{'the same output' if report.same_output else 'the outputs differ'}",
        caption_justify="left",
    )
    for heading in ("", "original", "compressed", "original / compressed"):
        grid.add_column(heading, justify="left" if not heading else "right")
    for name, before, after, ratio in report.comparison():
        grid.add_row(name, before, after, ratio)
    return grid
