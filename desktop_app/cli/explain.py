"""`desktop-app explain PROMPT`: which words of a prompt made the model answer as it did, by LIME, Kernel SHAP,
integrated gradients, feature ablation and attention side by side, with each method's faithfulness (AOPC)
and the methods' rank agreement; a table, or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from desktop_app.cli.console import ConsoleProgress, text_argument
from desktop_app.cli.flags import add_command, add_options
from desktop_app.cli.session import EXIT_INTERRUPTED, EXIT_OK, Session
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.explain_requests import EXPLAINED_TASKS, METHODS, ExplainRequest, Explanation
from desktop_app.core.i18n import tr
from desktop_app.store.output_files import check_output_file

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
    parser.add_argument("input", nargs="?", default="", help="the prompt, or - for stdin")
    parser.add_argument(
        "--global",
        dest="many",
        metavar="LIST",
        default="",
        help="global importance: explain every prompt of this file (one a line) and rank the words that move "
        "the model most across them",
    )
    parser.add_argument("--out", default="", help="--global: write the ranking to a .csv, .json or .png (a bar chart)")
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
    if args.many:
        return _run_global(args, session)
    if not args.input:
        raise InvalidRequestError(tr("There is nothing to explain."), hint=tr("Give a prompt, or --global LIST."))
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


def _run_global(args: argparse.Namespace, session: Session) -> int:
    from desktop_app.explain.global_importance import aggregate, write
    from desktop_app.explain.global_importance import payload as ranked_payload

    out = Path(args.out) if args.out else None
    if out is not None:
        check_output_file(out, (".csv", ".json", ".png"))
    prompts = _prompts(Path(args.many))
    method = (args.method or ["kernelshap"])[0]
    results: list[Explanation] = []
    for number, prompt in enumerate(prompts, start=1):
        print(f"[{number}/{len(prompts)}] {prompt}", file=sys.stderr)
        request = ExplainRequest(
            prompt,
            source_task=args.task,
            model=args.model,
            methods=(method,),
            samples=args.samples,
            max_new_tokens=args.max_new_tokens,
            seed=args.seed,
        )
        result, status = session.run(request, progress=ConsoleProgress())
        if status != "finished":
            return EXIT_INTERRUPTED
        results.append(result)
    ranked = aggregate(results, method)
    if out is not None:
        print(f"wrote {write(ranked, method, len(results), out)}", file=sys.stderr)
    if args.json:
        print(json.dumps(ranked_payload(ranked, method, len(results)), ensure_ascii=False))
    else:
        table = Table("word", "importance", "prompts")
        for item in ranked[:30]:
            table.add_row(item.word, f"{item.mean:.3f}", str(item.prompts))
        Console().print(table)
    return EXIT_OK


def _prompts(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidRequestError(
            f"Cannot read the prompts in {path}: {getattr(exc, 'strerror', None) or exc}.",
            hint="Give a text file with one prompt a line.",
        ) from exc
    prompts = [line.strip() for line in lines if line.strip()]
    if not prompts:
        raise InvalidRequestError(f"{path} holds no prompts.", hint="Write one prompt a line.")
    return prompts


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
