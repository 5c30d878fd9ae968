"""`desktop-app fuse`: an image (through its caption), a voice note (through its transcript) and text, put into
one prompt by a template for the generation model, whose answer streams in."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app.cli.console import clean_text, print_json, read_text_file
from desktop_app.cli.flags import add_command, add_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.requests import FusionRequest
from desktop_app.core.results import FusionResult, TokenDelta

NAME = "fuse"


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "combine an image, a voice note and text into one prompt and answer it",
        run,
        model="the generation model",
        json="print prompt, parts with provenance, answer and timings",
    )
    parser.add_argument("--image", default="", help="an image: its caption goes in as {image}")
    parser.add_argument("--audio", default="", help="a voice note: its transcript goes in as {voice}")
    parser.add_argument("--text", default="", help="typed text, as {text}")
    parser.add_argument("--template", default="", help="the prompt template, or @FILE to read it (default: the app's)")
    parser.add_argument("--caption-model", default="")
    parser.add_argument("--transcribe-model", default="")
    add_options(parser, FusionRequest, ["max_new_tokens", "temperature"])
    parser.add_argument("--show-prompt", action="store_true", help="print the prompt before the answer")


def run(args: argparse.Namespace, session: Session) -> int:
    from desktop_app.services.late_fusion import DEFAULT_TEMPLATE

    template = args.template or DEFAULT_TEMPLATE
    if template.startswith("@"):
        template = read_text_file(Path(template[1:]), "the template file")
    request = FusionRequest(
        clean_text(template, "the template"),
        args.image,
        args.audio,
        clean_text(args.text, "the text"),
        model=args.model,
        caption_model=args.caption_model,
        transcribe_model=args.transcribe_model,
        max_new_tokens=args.max_new_tokens,
        temperature=args.temperature,
    )

    def on_partial(item: Any) -> None:
        if not args.json and isinstance(item, TokenDelta):
            sys.stdout.write(item.text)
            sys.stdout.flush()

    def show(result: FusionResult, status: str) -> None:
        if args.json:
            print_json(
                {**result.outputs(), "model": asdict(result.model), "timings": result.timings},
            )
            return
        if args.show_prompt:
            print(f"--- prompt ---\n{result.prompt}\n--- answer ---", file=sys.stderr)
        print("")  # the answer streamed in; end its line

    session.run(request, show, on_partial)
    return EXIT_OK
