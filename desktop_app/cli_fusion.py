"""The command line's fusion commands: fuse (late fusion into one prompt), match (captions or zero-shot
labels for images) and search (text search over a folder of images)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app.cli_console import clean_text, console_context, read_text_file
from desktop_app.core.errors import JobCancelled
from desktop_app.core.requests import FusionRequest, ImageSearchRequest, MatchRequest
from desktop_app.core.results import TokenDelta


def add_commands(commands: Any) -> None:
    fuse = commands.add_parser("fuse", help="combine an image, a voice note and text into one prompt and answer it")
    fuse.add_argument("--image", default="", help="an image: its caption goes in as {image}")
    fuse.add_argument("--audio", default="", help="a voice note: its transcript goes in as {voice}")
    fuse.add_argument("--text", default="", help="typed text, as {text}")
    fuse.add_argument("--template", default="", help="the prompt template, or @FILE to read it (default: the app's)")
    fuse.add_argument("--model", default="", help="the generation model")
    fuse.add_argument("--caption-model", default="")
    fuse.add_argument("--transcribe-model", default="")
    fuse.add_argument("--max-new-tokens", type=int, default=200)
    fuse.add_argument("--show-prompt", action="store_true", help="print the prompt before the answer")
    fuse.add_argument("--json", action="store_true", help="print prompt, parts with provenance, answer and timings")
    fuse.add_argument("--no-history", action="store_true")

    match = commands.add_parser("match", help="score images against captions or zero-shot labels (CLIP/SigLIP)")
    match.add_argument("images", nargs="+", help="image files")
    match.add_argument("--texts", required=True, help="candidate captions or labels, separated by |")
    match.add_argument("--template", default="{}", help="each text goes where {} is, e.g. 'a photo of a {}'")
    match.add_argument("--model", default="", help="a CLIP or SigLIP folder or Hugging Face id")
    match.add_argument("--json", action="store_true")
    match.add_argument("--no-history", action="store_true")

    search = commands.add_parser("search", help="find the images of a folder that match a text (cached embeddings)")
    search.add_argument("folder")
    search.add_argument("query")
    search.add_argument("--top", type=int, default=10)
    search.add_argument("--model", default="", help="a CLIP or SigLIP folder or Hugging Face id")
    search.add_argument("--json", action="store_true")
    search.add_argument("--no-history", action="store_true")


def run(args: argparse.Namespace, service: Any, progress: Any, record: Any) -> Any:
    """The request's result; `record(request, result, status)` keeps it in history unless --no-history."""
    request: Any
    if args.command == "fuse":
        from desktop_app.fusion.late_fusion import DEFAULT_TEMPLATE

        template = args.template or DEFAULT_TEMPLATE
        if template.startswith("@"):
            template = read_text_file(Path(template[1:]), "the template file")
        request = FusionRequest(clean_text(template, "the template"), args.image, args.audio,
                                clean_text(args.text, "the text"), model=args.model,
                                caption_model=args.caption_model, transcribe_model=args.transcribe_model,
                                max_new_tokens=args.max_new_tokens)
    elif args.command == "match":
        texts = clean_text(args.texts, "the texts")
        request = MatchRequest(tuple(args.images), tuple(t.strip() for t in texts.split("|")), args.model,
                               args.template)
    else:
        request = ImageSearchRequest(args.folder, clean_text(args.query, "the query"), args.model, args.top)
    request.validate()
    streaming = args.command == "fuse" and not args.json

    def on_partial(item: Any) -> None:
        if streaming and isinstance(item, TokenDelta):
            sys.stdout.write(item.text)
            sys.stdout.flush()

    status = "finished"
    try:
        result = service.run(request, console_context(on_partial, progress))
    except JobCancelled as cancelled:
        result, status = cancelled.partial_result, "cancelled"
    if result is not None and not args.no_history:
        record(request, result, status)
    _print(args, result, streaming)
    return result


def _print(args: argparse.Namespace, result: Any, streamed: bool) -> None:
    if args.command == "fuse":
        if args.json:
            print(json.dumps({**result.outputs(), "model": asdict(result.model), "timings": result.timings},
                             ensure_ascii=False, indent=2))
        else:
            if args.show_prompt:
                print(f"--- prompt ---\n{result.prompt}\n--- answer ---", file=sys.stderr)
            print("" if streamed else result.answer)
    elif args.command == "match":
        if args.json:
            print(json.dumps({"ranked": result.outputs()["ranked"], "prompts": list(result.prompts),
                              "model": asdict(result.model)}, ensure_ascii=False, indent=2))
        else:
            for i, path in enumerate(result.image_paths):
                best = result.ranked(i)
                print(f"{path}\t" + "\t".join(f"{text} {p:.1%}" for text, p in best[:3]))
    else:
        if args.json:
            print(json.dumps({"hits": result.outputs()["hits"], "images": result.images, "embedded": result.embedded,
                              "skipped": list(result.skipped), "model": asdict(result.model)}, indent=2))
        else:
            for hit in result.hits:
                print(f"{hit.score:.3f}\t{hit.path}")
            print(f"{result.images} images, {result.embedded} embedded now, the rest from the cache",
                  file=sys.stderr)
