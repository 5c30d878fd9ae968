"""`desktop-app caption FILE_OR_DIR...`: every image of the files and folders, as path<TAB>caption lines,
CSV or JSON; --sidecar writes photo.txt beside each photo.jpg (an existing one is kept unless --overwrite)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from desktop_app.cli.console import clean_text
from desktop_app.cli.flags import add_command, add_option, add_options, chosen_options
from desktop_app.cli.session import EXIT_ERROR, EXIT_INPUT, EXIT_OK, Session
from desktop_app.core import caption_formats
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.requests import CAPTION_RECURSIVE, CaptionRequest
from desktop_app.core.results import CaptionResult

NAME = "caption"
OPTIONS = ["prompt", "num_beams", "max_new_tokens", "repetition_penalty", "batch_size"]


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "caption images and folders of images",
        run,
        model="florence-2-base (default), smolvlm-256m-instruct, blip-base, a model folder or a Hugging Face id",
        json="the same as --format json",
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="image files, or folders of images")
    add_options(parser, CaptionRequest, OPTIONS)
    add_option(parser, CAPTION_RECURSIVE)
    parser.add_argument(
        "--format",
        choices=caption_formats.FORMATS,
        default="txt",
        help="txt: path<TAB>caption lines (default); csv; json",
    )
    parser.add_argument(
        "--sidecar",
        action="store_true",
        help="also write photo.txt beside each photo.jpg (an existing photo.txt is kept)",
    )
    parser.add_argument("--overwrite", action="store_true", help="with --sidecar: replace existing .txt files")


def run(args: argparse.Namespace, session: Session) -> int:
    from desktop_app.images.loading import image_files

    files = [str(path) for path in image_files(args.inputs, recursive=args.recursive)]
    if not files:
        raise InvalidRequestError(
            "No images were found in " + ", ".join(args.inputs) + ".",
            hint="Give image files (JPEG, PNG, WebP...) or folders that hold some.",
        )
    options = chosen_options(args, OPTIONS)
    options["prompt"] = clean_text(options["prompt"], "the prompt")
    problems: list[str] = []

    def show(result: CaptionResult, status: str) -> None:
        fmt = "json" if args.json else args.format
        if fmt == "json":
            sys.stdout.write(
                caption_formats.to_json(result.items, {"model": asdict(result.model), "timings": result.timings})
            )
        else:
            sys.stdout.write(caption_formats.render(result.items, fmt))
        if args.sidecar:
            written, failed, kept = caption_formats.write_sidecars(result.items, overwrite=args.overwrite)
            problems.extend(failed)
            print(f"wrote {len(written)} sidecar .txt files", file=sys.stderr)
            if kept:
                print(
                    f"note: kept {len(kept)} existing .txt files (e.g. {kept[0]}); --overwrite replaces them",
                    file=sys.stderr,
                )
            for problem in failed:
                print(f"error: could not write {problem}", file=sys.stderr)
        for item in result.failed:
            print(f"error: {item.error.message if item.error else item.path}", file=sys.stderr)

    result, _status = session.run(CaptionRequest(tuple(files), model=args.model, **options), show)
    return EXIT_INPUT if result is not None and result.failed else EXIT_ERROR if problems else EXIT_OK
