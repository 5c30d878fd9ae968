"""`desktop-app generate PROMPT`: the answer streams in as it is written (greedy by default, so scripts get
repeatable output); --json prints one object with the text, the model and the timings."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from desktop_app.cli.console import clean_text, print_json, text_argument
from desktop_app.cli.flags import add_command, add_options, chosen_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import GenerationResult, TokenDelta

NAME = "generate"
OPTIONS = [
    "system_prompt",
    "use_chat_template",
    "max_new_tokens",
    "temperature",
    "top_p",
    "top_k",
    "repetition_penalty",
    "seed",
]


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "generate text from a prompt",
        run,
        model="model folder, Hugging Face id or known name (default: SmolLM2 135M Instruct)",
        json="print one JSON object with text, model and timings",
    )
    parser.add_argument("prompt", help="the prompt, or - to read it from standard input")
    add_options(parser, GenerationRequest, OPTIONS)


def run(args: argparse.Namespace, session: Session) -> int:
    options = chosen_options(args, OPTIONS)
    options["system_prompt"] = clean_text(options["system_prompt"], "the system prompt")
    request = GenerationRequest(text_argument(args.prompt, "the prompt"), model=args.model, **options)

    def on_partial(item: Any) -> None:
        if not args.json and isinstance(item, TokenDelta):
            sys.stdout.write(item.text)
            sys.stdout.flush()

    def show(result: GenerationResult, status: str) -> None:
        if args.json:
            print_json(
                {
                    "text": result.text,
                    "model": asdict(result.model),
                    "prompt_tokens": result.prompt_tokens,
                    "new_tokens": result.new_tokens,
                    "finish_reason": result.finish_reason,
                    "timings": result.timings,
                },
            )
        else:
            sys.stdout.write("\n")

    session.run(request, show, on_partial)
    return EXIT_OK
