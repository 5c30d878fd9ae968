"""`desktop-app translate TEXT`: the translation, line for line; --json adds each sentence, the languages, the
model and the timings."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from desktop_app.cli.console import print_json, text_argument
from desktop_app.cli.flags import add_command, add_options, chosen_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.requests import TranslationRequest
from desktop_app.core.results import TranslationResult

NAME = "translate"
OPTIONS = ["source_lang", "target_lang", "num_beams", "max_new_tokens"]


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "translate text",
        run,
        model="nllb-200-600m (default), m2m100-418m, opus-mt-en-de, a model folder or a Hugging Face id",
        json="print one JSON object with text, sentences, model, timings",
    )
    parser.add_argument("text", help="the text, or - to read it from standard input")
    add_options(parser, TranslationRequest, OPTIONS)


def run(args: argparse.Namespace, session: Session) -> int:
    options = chosen_options(args, OPTIONS)

    def show(result: TranslationResult, status: str) -> None:
        if result.note:
            print(f"note: {result.note}", file=sys.stderr)
        if args.json:
            print_json(
                {
                    "text": result.text,
                    "source_lang": result.source_lang,
                    "target_lang": result.target_lang,
                    "sentences": [{"source": s.source, "target": s.target} for s in result.sentences],
                    "model": asdict(result.model),
                    "timings": result.timings,
                },
            )
        else:
            print(result.text.rstrip("\n"))

    # the command prints text only: no alignment (it would load the float32 model beside a fast runner)
    request = TranslationRequest(text_argument(args.text), model=args.model, keep_attention=False, **options)
    session.run(request, show)
    return EXIT_OK
