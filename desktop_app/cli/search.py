"""`desktop-app search FOLDER QUERY`: the images of a folder that best match a text; their embeddings are
cached, so a second search reads only new or changed files."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from desktop_app.cli.console import clean_text, print_json
from desktop_app.cli.flags import add_command, add_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.requests import ImageSearchRequest
from desktop_app.core.results import SearchResult

NAME = "search"


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "find the images of a folder that match a text (cached embeddings)",
        run,
        model="a CLIP or SigLIP folder or Hugging Face id",
    )
    parser.add_argument("folder")
    parser.add_argument("query")
    add_options(parser, ImageSearchRequest, ["top_k"])


def run(args: argparse.Namespace, session: Session) -> int:
    def show(result: SearchResult, status: str) -> None:
        if args.json:
            print_json(
                {
                    "hits": result.outputs()["hits"],
                    "images": result.images,
                    "embedded": result.embedded,
                    "skipped": list(result.skipped),
                    "model": asdict(result.model),
                },
            )
            return
        for hit in result.hits:
            print(f"{hit.score:.3f}\t{hit.path}")
        print(f"{result.images} images, {result.embedded} embedded now, the rest from the cache", file=sys.stderr)

    request = ImageSearchRequest(args.folder, clean_text(args.query, "the query"), args.model, args.top_k)
    session.run(request, show)
    return EXIT_OK
