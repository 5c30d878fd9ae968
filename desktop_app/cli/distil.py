"""`desktop-app distil --teacher MODEL --text FILE`: a student with fewer layers, trained on the teacher's
softened outputs over the text, beside the same student trained without the teacher; prints size, speed,
held-out perplexity and the three answers to one prompt, and keeps the distilled student as a model."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from desktop_app.cli.console import ConsoleProgress, print_json
from desktop_app.cli.flags import add_command, add_options, chosen_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.tuning_requests import DistilRequest
from desktop_app.core.tuning_results import DistilReport
from desktop_app.core.units import human_size

NAME = "distil"
OPTIONS = ["layers", "steps", "learning_rate", "temperature", "block", "batch_size", "seed", "resume"]


def register(commands: Any) -> None:
    parser = add_command(commands, NAME, "distil a smaller student from a generation model", run)
    parser.add_argument("--teacher", default="", help="the teacher: folder, Hugging Face id or known name")
    parser.add_argument("--text", required=True, help="a UTF-8 text file to distil on (its last tenth is held out)")
    parser.add_argument("--prompt", default=DistilRequest.prompt, help="what all three models continue")
    parser.add_argument("--out", default="", help="the student's folder (default: the model store's students)")
    add_options(parser, DistilRequest, OPTIONS)


def run(args: argparse.Namespace, session: Session) -> int:
    request = DistilRequest(
        args.text, args.teacher, prompt=args.prompt, out_dir=args.out, **chosen_options(args, OPTIONS)
    )

    def show(report: DistilReport, status: str) -> None:
        if args.json:
            print_json({**report.outputs(), "teacher": report.teacher.ref})
        else:
            Console(soft_wrap=True).print(table(report))

    session.run(request, show, progress=ConsoleProgress())
    return EXIT_OK


def table(report: DistilReport) -> Table:
    grid = Table(
        title=f"Distilled from {report.teacher.ref} in {report.steps} steps at temperature {report.temperature:g}; "
        f"student in {report.student_dir}",
        title_justify="left",
    )
    grid.add_column("")
    for measures in report.measures:
        grid.add_column({"student": "student, no teacher"}.get(measures.name, measures.name), justify="right")
    rows = (
        ("layers", lambda m: str(m.layers)),
        ("parameters", lambda m: f"{m.parameters / 1e6:.1f} M"),
        ("weights", lambda m: human_size(m.weight_bytes)),
        ("tokens/s", lambda m: f"{m.tokens_per_s:.1f}"),
        ("held-out perplexity", lambda m: f"{m.perplexity:.1f}"),
        ("output", lambda m: m.output),
    )
    for label, value in rows:
        grid.add_row(label, *(value(m) for m in report.measures))
    return grid
