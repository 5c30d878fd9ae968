"""`desktop-app match IMAGE... --texts "a|b|c"`: each image against candidate captions or zero-shot labels, with
a CLIP or SigLIP model."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from desktop_app.cli.console import clean_text, print_json
from desktop_app.cli.flags import add_command
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.requests import MatchRequest
from desktop_app.core.results import MatchResult

NAME = "match"


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "score images against captions or zero-shot labels (CLIP/SigLIP)",
        run,
        model="a CLIP or SigLIP folder or Hugging Face id",
    )
    parser.add_argument("images", nargs="+", help="image files")
    parser.add_argument("--texts", required=True, help="candidate captions or labels, separated by |")
    parser.add_argument("--template", default="{}", help="each text goes where {} is, e.g. 'a photo of a {}'")


def run(args: argparse.Namespace, session: Session) -> int:
    texts = tuple(text.strip() for text in clean_text(args.texts, "the texts").split("|"))

    def show(result: MatchResult, status: str) -> None:
        if args.json:
            print_json(
                {
                    "ranked": result.outputs()["ranked"],
                    "prompts": list(result.prompts),
                    "model": asdict(result.model),
                },
            )
            return
        for i, path in enumerate(result.image_paths):
            print(f"{path}\t" + "\t".join(f"{text} {p:.1%}" for text, p in result.ranked(i)[:3]))

    session.run(MatchRequest(tuple(args.images), texts, args.model, args.template), show)
    return EXIT_OK
