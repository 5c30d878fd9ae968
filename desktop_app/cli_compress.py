"""The command line's compression lab: `desktop-app compress TASK`, before and after side by side."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from desktop_app.cli_console import console_context
from desktop_app.core.requests import COMPRESSION_METHODS, COMPRESSION_TASKS, CompressionRequest
from desktop_app.core.results import CompressionReport


def add_command(commands: Any) -> None:
    lab = commands.add_parser("compress", help="int8-quantize or prune a model and compare it with the original")
    lab.add_argument("for_task", choices=COMPRESSION_TASKS, metavar="TASK", help=", ".join(COMPRESSION_TASKS))
    lab.add_argument("--model", default="", help="model folder, Hugging Face id or known name (default: the task's)")
    lab.add_argument("--method", choices=tuple(COMPRESSION_METHODS), default="int8")
    lab.add_argument("--amount", type=float, default=0.3, help="prune: share of the weights set to zero")
    lab.add_argument("--input", default="", help="what both versions run on: a prompt or text (generate, "
                     "translate), an image (caption) or an audio file (transcribe)")
    lab.add_argument("--src", default="", help="translate: source language code")
    lab.add_argument("--tgt", default="", help="translate: target language code")
    lab.add_argument("--json", action="store_true")


def run(args: argparse.Namespace, service: Any, progress: Any) -> CompressionReport:
    request = CompressionRequest(args.for_task, args.model, args.method, args.amount, args.input, args.src, args.tgt)
    request.validate()
    report: CompressionReport = service.run(request, console_context(progress=progress))
    if args.json:
        print(json.dumps({**report.as_dict(), "same_output": report.same_output, "model": asdict(report.model),
                          "method": report.method}, ensure_ascii=False, indent=2))
    else:
        print(render(report))
    return report


def render(report: CompressionReport) -> str:
    lines = [f"{report.model.ref}: {report.summary()}",
             f"  {'':<18}{'original':>14}{'compressed':>14}{'original / compressed':>24}"]
    lines += [f"  {name:<18}{before:>14}{after:>14}{ratio:>24}" for name, before, after, ratio in report.comparison()]
    lines += ["", f"  original:   {report.before.output}", f"  compressed: {report.after.output}",
              f"  {'the same output' if report.same_output else 'the outputs differ'}"]
    return "\n".join(lines)
