"""`desktop-app tune DATA --method lora`: teach the generation model from instruction data (JSONL or CSV, a
file or a folder) with a LoRA adapter; a rerun with the same data and base resumes from the last checkpoint.
Prints held-out answers before and after, side by side, with their scores."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from desktop_app.cli.console import ConsoleProgress, print_json
from desktop_app.cli.flags import add_command, add_options, chosen_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.tuning_requests import TuneRequest
from desktop_app.core.tuning_results import TuneResult

NAME = "tune"
OPTIONS = [
    "steps",
    "learning_rate",
    "batch_size",
    "rank",
    "max_length",
    "validation_share",
    "held_out",
    "seed",
    "resume",
]


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "teach the generation model from instruction data (LoRA)",
        run,
        model="the base model: folder, Hugging Face id or known name (default: the generation default)",
    )
    parser.add_argument("data", help="a .jsonl/.csv file, a folder of them, or a kept dataset's folder")
    parser.add_argument("--method", choices=("lora",), default="lora", help="how to teach (default: lora)")
    parser.add_argument("--validation", default="", help="held-out examples (default: a share of DATA)")
    parser.add_argument("--out", default="", help="the adapter's folder (default: the model store's adapters)")
    add_options(parser, TuneRequest, OPTIONS)


def run(args: argparse.Namespace, session: Session) -> int:
    request = TuneRequest(args.data, args.model, args.validation, args.out, **chosen_options(args, OPTIONS))

    def show(result: TuneResult, status: str) -> None:
        if args.json:
            print_json({**result.outputs(), "base": result.base.ref, "train_loss": result.train_loss})
        else:
            Console(soft_wrap=True).print(table(result))

    session.run(request, show, progress=ConsoleProgress())
    return EXIT_OK


def table(result: TuneResult) -> Table:
    grid = Table(
        title=f"LoRA on {result.base.ref}: {result.steps} steps, adapter in {result.adapter_dir}",
        title_justify="left",
        caption=f"mean score (word F1 against the reference): before {result.score_before:.2f}, "
        f"after {result.score_after:.2f}",
        caption_justify="left",
    )
    for heading in ("held-out instruction", "before", "after"):
        grid.add_column(heading)
    for answer in result.answers:
        grid.add_row(
            answer.instruction,
            f"{answer.before}  [{answer.before_score:.2f}]",
            f"{answer.after}  [{answer.after_score:.2f}]",
        )
    return grid
