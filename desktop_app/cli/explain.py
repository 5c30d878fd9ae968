"""`desktop-app explain PROMPT`: which words of a prompt made the model answer as it did, by LIME, Kernel SHAP,
integrated gradients, feature ablation and attention side by side, with each method's faithfulness (AOPC)
and the methods' rank agreement; a table, or JSON."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table

from desktop_app.cli.console import ConsoleProgress, text_argument
from desktop_app.cli.flags import add_command, add_options
from desktop_app.cli.session import EXIT_INTERRUPTED, EXIT_OK, Session
from desktop_app.core.explain_requests import EXPLAINED_TASKS, METHODS, ExplainRequest, Explanation

NAME = "explain"
TASKS = ("generate", "translate", "caption", "transcribe", "match")


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "explain a model's answer: each prompt word's score by LIME, SHAP, integrated gradients, ablation and "
        "attention, with their faithfulness",
        run,
        model="a model folder, Hugging Face id or known name",
        recorded=False,
        json="print the words, every method's scores, the faithfulness (AOPC), the agreement and the timings",
    )
    parser.add_argument("input", help="the prompt, or - for stdin")
    parser.add_argument(
        "--task",
        choices=TASKS,
        default="generate",
        help=f"whose output to explain (built so far: {', '.join(EXPLAINED_TASKS)})",
    )
    parser.add_argument(
        "--method",
        action="append",
        choices=METHODS,
        help="a method; repeat for several (default: all of them)",
    )
    parser.add_argument("--target", default="", help="the answer to explain (default: the model's own answer)")
    add_options(parser, ExplainRequest, ["samples", "max_new_tokens"])
    parser.add_argument("--seed", type=int, default=0, help="the seed of LIME's and SHAP's sampling (default: 0)")


def run(args: argparse.Namespace, session: Session) -> int:
    request = ExplainRequest(
        text_argument(args.input),
        source_task=args.task,
        model=args.model,
        methods=tuple(dict.fromkeys(args.method or METHODS)),
        target=args.target,
        samples=args.samples,
        max_new_tokens=args.max_new_tokens,
        seed=args.seed,
    )
    _, status = session.run(request, lambda result, status: _show(args, result), progress=ConsoleProgress())
    return EXIT_OK if status == "finished" else EXIT_INTERRUPTED


def payload(result: Explanation) -> dict[str, Any]:
    return {
        "task": result.source_task,
        "answer": result.answer,
        "features": list(result.features),
        "scores": {method: [round(v, 5) for v in values] for method, values in result.scores.items()},
        "faithfulness": {
            method: {"aopc": round(top, 5), "random_aopc": round(rand, 5)}
            for method, (top, rand) in result.faithfulness.items()
        },
        "agreement": {pair: round(rho, 4) for pair, rho in result.agreement.items()},
        "samples": result.samples,
        "complete": result.complete,
        "model": asdict(result.model),
        "timings": result.timings,
    }


def _show(args: argparse.Namespace, result: Explanation) -> None:
    if args.json:
        print(json.dumps(payload(result), ensure_ascii=False))
        return
    console = Console()
    console.print(f"answer: {result.answer!r}")
    table = Table("word", *result.scores)
    for index, word in enumerate(result.features):
        table.add_row(word, *(f"{values[index]:.3f}" for values in result.scores.values()))
    console.print(table)
    for method, (top, rand) in result.faithfulness.items():
        console.print(
            f"{method}: removing its top words lowers the answer's log-probability by {top:.2f} on average "
            f"(AOPC), random words by {rand:.2f}"
        )
    for pair, rho in result.agreement.items():
        console.print(f"rank agreement {pair}: {rho:.2f}")
    if not result.complete:
        console.print("stopped: only the methods that finished are shown")
