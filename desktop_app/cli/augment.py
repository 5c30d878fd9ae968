"""`desktop-app augment INPUT --kind text|image|audio --transform NAME`: augmented copies of a text (or of every
instruction in a .jsonl/.csv dataset), an image or a recording, written to --out or listed; with --probe,
the task's model runs over the original and every copy, and a table shows how much its output moved."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from desktop_app.augment.registry import TRANSFORMS
from desktop_app.cli.console import ConsoleProgress, print_json
from desktop_app.cli.flags import add_command, add_options, chosen_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.tuning_requests import AUGMENT_KINDS, PROBE_TASKS, AugmentRequest, ProbeRequest
from desktop_app.core.tuning_results import AugmentResult, ProbeResult

NAME = "augment"
OPTIONS = ["n", "strength", "seed"]


def register(commands: Any) -> None:
    names = sorted({name for kind in TRANSFORMS.values() for name in kind})
    parser = add_command(
        commands,
        NAME,
        "augmented copies of a text, dataset, image or recording (or a robustness probe)",
        run,
        model="--probe: the task's model (default: the task's)",
        recorded=False,
    )
    parser.add_argument("input", help="a file; for --kind text also the text itself")
    parser.add_argument("--kind", choices=AUGMENT_KINDS, required=True)
    parser.add_argument("--transform", required=True, help=", ".join(names))
    parser.add_argument("--out", default="", help="write the copies to this folder")
    parser.add_argument("--probe", choices=PROBE_TASKS, default=None, help="run this task over the copies")
    parser.add_argument("--translate-model", default="", help="back_translate: FORWARD or FORWARD,BACKWARD models")
    parser.add_argument("--pivot", default="", help="back_translate with a multilingual model: the pivot language")
    parser.add_argument("--source-lang", default="", help="back_translate with a multilingual model: the text's")
    add_options(parser, AugmentRequest, OPTIONS)


def run(args: argparse.Namespace, session: Session) -> int:
    options = chosen_options(args, OPTIONS)
    if args.probe:
        probe = ProbeRequest(args.probe, args.input, args.transform, args.model, **options)
        session.run(probe, lambda result, status: _show_probe(result, args.json), progress=ConsoleProgress())
        return EXIT_OK
    request = AugmentRequest(
        args.input,
        args.kind,
        args.transform,
        out_dir=args.out,
        translate_model=args.translate_model,
        pivot_lang=args.pivot,
        source_lang=args.source_lang,
        **options,
    )
    session.run(request, lambda result, status: _show(result, args.json), progress=ConsoleProgress())
    return EXIT_OK


def _show(result: AugmentResult, as_json: bool) -> None:
    rows = [{"index": i.index, "text": i.text, "path": i.path, "detail": i.detail} for i in result.items]
    if as_json:
        print_json({"kind": result.kind, "transform": result.transform, "out_dir": result.out_dir, "items": rows})
        return
    grid = Table(title=f"{result.transform}: {len(rows)} copies", title_justify="left")
    for heading in ("#", "copy", "what changed"):
        grid.add_column(heading)
    for item in result.items:
        grid.add_row(str(item.index + 1), item.text or item.path or "(in memory)", item.detail)
    Console(soft_wrap=True).print(grid)


def _show_probe(result: ProbeResult, as_json: bool) -> None:
    rows = [{"index": r.index, "detail": r.detail, "output": r.output, "change": r.change} for r in result.rows]
    if as_json:
        print_json(
            {
                "task": result.for_task,
                "transform": result.transform,
                "metric": result.metric,
                "original": result.original,
                "mean_change": result.mean_change,
                "unchanged": result.unchanged,
                "rows": rows,
            }
        )
        return
    grid = Table(
        title=f"{result.for_task} over {len(rows)} {result.transform} copies ({result.model.ref})",
        caption=f"original: {result.original}\nmean {result.metric}: {result.mean_change:.2f}; "
        f"{result.unchanged} of {len(rows)} unchanged",
        title_justify="left",
        caption_justify="left",
    )
    for heading in ("#", "what changed", "output", result.metric):
        grid.add_column(heading)
    for row in result.rows:
        grid.add_row(str(row.index + 1), row.detail, row.output, f"{row.change:.2f}")
    Console(soft_wrap=True).print(grid)
