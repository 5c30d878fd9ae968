"""`desktop-app explain INPUT --task …`: which words of a prompt or a sentence, which regions of a picture or which
stretches of a recording made the model give its output, by LIME, Kernel SHAP, integrated gradients, feature
ablation and attention side by side, with each method's faithfulness (AOPC) and the methods' rank
agreement; a table, JSON, or a picture (--out). `--global` runs one method over many inputs."""

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
from desktop_app.core.explain_requests import (
    DEFAULT_METHODS,
    EXPLAINED_TASKS,
    FILE_TASKS,
    METHODS,
    ExplainRequest,
    Explanation,
)
from desktop_app.core.i18n import tr
from desktop_app.store.output_files import check_output_file

NAME = "explain"


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "explain a model's output: each input word's, picture region's or audio segment's score by LIME, SHAP, "
        "integrated gradients, ablation and attention, with their faithfulness",
        run,
        model="a model folder, Hugging Face id or known name",
        recorded=False,
        json="print the features, every method's scores, the faithfulness (AOPC), the agreement and the timings",
    )
    parser.add_argument(
        "input", nargs="?", default="", help="the prompt or sentence (- for stdin), or the picture's or audio's path"
    )
    parser.add_argument(
        "--global",
        dest="many",
        metavar="LIST_OR_DIR",
        default="",
        help="global importance: explain every input of this file (one a line) or folder (its pictures or "
        "recordings) and rank the features that move the model most across them",
    )
    parser.add_argument(
        "--out",
        default="",
        help="write the explanation as a .png (the picture's regions, the waveform's segments or the words' bars) "
        "or .json; with --global, the ranking as .csv, .json or .png (a bar chart)",
    )
    parser.add_argument(
        "--task", choices=EXPLAINED_TASKS, default="generate", help="whose output to explain (default: generate)"
    )
    parser.add_argument(
        "--method",
        action="append",
        choices=METHODS,
        help=f"a method; repeat for several (default: {', '.join(DEFAULT_METHODS)}; shapley is Shapley value "
        "sampling, cheaper than Kernel SHAP's regression at a handful of features)",
    )
    parser.add_argument(
        "--target",
        default="",
        help="the output to explain (default: the model's own); for --task match, the text to match the picture with",
    )
    parser.add_argument("--focus", default="", help="explain one word of the output alone (default: the whole output)")
    parser.add_argument("--system", default="", help="generate: a system prompt, sent and explained with the prompt")
    parser.add_argument(
        "--parts",
        action="store_true",
        help="generate: score the system prompt and each paragraph of the prompt (few-shot examples, the question; "
        "a blank line between them) instead of each word",
    )
    parser.add_argument("--source-lang", default="", help="translation: the source language, for a multilingual model")
    parser.add_argument("--target-lang", default="", help="translation: the target language, for a multilingual model")
    add_options(parser, ExplainRequest, ["samples", "max_new_tokens"])
    parser.add_argument("--seed", type=int, default=0, help="the seed of LIME's and SHAP's sampling (default: 0)")


def run(args: argparse.Namespace, session: Session) -> int:
    if args.many:
        return _run_global(args, session)
    if not args.input:
        raise InvalidRequestError(tr("There is nothing to explain."), hint=tr("Give an input, or --global LIST."))
    out = Path(args.out) if args.out else None
    if out is not None:
        check_output_file(out, (".png", ".json"))
    task_input = args.input if args.task in FILE_TASKS else text_argument(args.input)
    request = _request(args, task_input, tuple(dict.fromkeys(args.method or DEFAULT_METHODS)))
    _, status = session.run(request, lambda result, status: _show(args, result, out), progress=ConsoleProgress())
    return EXIT_OK if status == "finished" else EXIT_INTERRUPTED


def _request(args: argparse.Namespace, task_input: str, methods: tuple[str, ...]) -> ExplainRequest:
    return ExplainRequest(
        task_input,
        source_task=args.task,
        model=args.model,
        methods=methods,
        target=args.target,
        focus=args.focus,
        system_prompt=args.system,
        parts=args.parts,
        samples=args.samples,
        max_new_tokens=args.max_new_tokens,
        seed=args.seed,
        source_lang=args.source_lang,
        target_lang=args.target_lang,
    )


def _run_global(args: argparse.Namespace, session: Session) -> int:
    from desktop_app.explain.global_importance import aggregate, write
    from desktop_app.explain.global_importance import payload as ranked_payload

    out = Path(args.out) if args.out else None
    if out is not None:
        check_output_file(out, (".csv", ".json", ".png"))
    inputs = _inputs(Path(args.many), args.task)
    method = (args.method or ["kernelshap"])[0]
    results: list[Explanation] = []
    for number, task_input in enumerate(inputs, start=1):
        print(f"[{number}/{len(inputs)}] {task_input}", file=sys.stderr)
        result, status = session.run(_request(args, task_input, (method,)), progress=ConsoleProgress())
        if status != "finished":
            return EXIT_INTERRUPTED
        results.append(result)
    ranked = aggregate(results, method)
    if out is not None:
        print(f"wrote {write(ranked, method, len(results), out)}", file=sys.stderr)
    if args.json:
        print(json.dumps(ranked_payload(ranked, method, len(results)), ensure_ascii=False))
    else:
        table = Table("feature", "importance", "inputs")
        for item in ranked[:30]:
            table.add_row(item.word, f"{item.mean:.3f}", str(item.prompts))
        Console().print(table)
    return EXIT_OK


def _inputs(path: Path, task: str) -> list[str]:
    """A folder's pictures or recordings, or a file's lines (prompts, sentences or paths)."""
    if path.is_dir():
        if task not in FILE_TASKS:
            raise InvalidRequestError(
                f"{path} is a folder; explanations of '{task}' outputs take prompts.",
                hint="Give a text file with one input a line.",
            )
        from desktop_app.audio.decoding import AUDIO_SUFFIXES
        from desktop_app.images.loading import IMAGE_SUFFIXES

        suffixes = AUDIO_SUFFIXES if task == "transcribe" else IMAGE_SUFFIXES
        found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        if not found:
            raise InvalidRequestError(
                f"{path} holds no {'recordings' if task == 'transcribe' else 'pictures'}.",
                hint=f"Put files ending in {', '.join(suffixes[:4])}… in it.",
            )
        return found
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidRequestError(
            f"Cannot read the prompts in {path}: {getattr(exc, 'strerror', None) or exc}.",
            hint="Give a text file with one input a line, or a folder.",
        ) from exc
    inputs = [line.strip() for line in lines if line.strip()]
    if not inputs:
        raise InvalidRequestError(f"{path} holds no inputs.", hint="Write one prompt (or file path) a line.")
    return inputs


def payload(result: Explanation) -> dict[str, Any]:
    return {
        "task": result.source_task,
        "answer": result.answer,
        "focus": result.focus,
        "kind": result.layout.kind,
        "features": list(result.features),
        "scores": {method: [round(v, 5) for v in values] for method, values in result.scores.items()},
        "faithfulness": {
            method: {"aopc": round(top, 5), "random_aopc": round(rand, 5)}
            for method, (top, rand) in result.faithfulness.items()
        },
        "agreement": {pair: round(rho, 4) for pair, rho in result.agreement.items()},
        "samples": result.samples,
        "complete": result.complete,
        "cached": list(result.cached),
        "model": asdict(result.model),
        "timings": result.timings,
    }


def _show(args: argparse.Namespace, result: Explanation, out: Path | None) -> None:
    if out is not None:
        print(f"wrote {_write(result, out)}", file=sys.stderr)
    if args.json:
        print(json.dumps(payload(result), ensure_ascii=False))
        return
    console = Console()
    console.print(f"output: {result.answer!r}" + (f" (explaining {result.focus!r})" if result.focus else ""))
    table = Table("feature", *result.scores)
    for index, word in enumerate(result.features):
        table.add_row(word, *(f"{values[index]:.3f}" for values in result.scores.values()))
    console.print(table)
    for method, (top, rand) in result.faithfulness.items():
        console.print(
            f"{method}: removing its top features lowers the explained score by {top:.2f} on average "
            f"(AOPC), random features by {rand:.2f}"
        )
    for pair, rho in result.agreement.items():
        console.print(f"rank agreement {pair}: {rho:.2f}")
    if not result.complete:
        console.print("stopped: only the methods that finished are shown")


def _write(result: Explanation, out: Path) -> Path:
    """The explanation as JSON, or as a picture: the first method's scores over the picture or waveform, or
    every method's bars over the words."""
    if out.suffix.lower() == ".json":
        out.write_text(json.dumps(payload(result), ensure_ascii=False, indent=1), encoding="utf-8")
        return out
    from desktop_app.explain.pictures import picture, word_bars

    drawn = picture(result, next(iter(result.scores)))
    if drawn is None:
        word_bars(result, out)
    else:
        drawn.save(out)
    return out
