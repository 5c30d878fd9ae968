"""`desktop-app attention INPUT`: a model's attention on a text, an image or an audio file, as a heatmap PNG
(caption: the words over the image; transcribe: a time axis) or JSON, with attribution for generated answers."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app.cli.console import ConsoleProgress, text_argument
from desktop_app.cli.flags import add_command, add_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.errors import InvalidRequestError, OutputError
from desktop_app.core.requests import ATTENTION_TASKS, FILE_TASKS, AttentionRequest
from desktop_app.core.results import AttentionMaps
from desktop_app.store.output_files import check_output_file

NAME = "attention"


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "show a model's attention on an input, as a heatmap PNG or JSON",
        run,
        model="a model folder, Hugging Face id or known name",
        recorded=False,
        json="print tokens, the matrix and any attribution as JSON",
    )
    parser.add_argument(
        "input",
        help="the text (encode: what the encoder reads; generate: the prompt; translate: "
        "the text), an image (caption), an audio file (transcribe), or - for stdin text",
    )
    parser.add_argument(
        "--task",
        choices=ATTENTION_TASKS,
        default="encode",
        help="encode: the MiniLM BERT encoder reads the text (default); generate: the generation "
        "model answers it; translate, caption, transcribe: the output's cross-attention over the "
        "source tokens, the image patches or the audio",
    )
    parser.add_argument("--layer", type=int, default=-1, help="layer index, negative from the end (default: last)")
    parser.add_argument("--head", type=int, default=None, help="head index (default: the mean of all heads)")
    parser.add_argument("--rollout", action="store_true", help="attention rollout across all layers (encode, generate)")
    add_options(parser, AttentionRequest, ["max_tokens", "max_new_tokens", "start_s"])
    parser.add_argument("--answer", default="", help="generate: read back this answer instead of generating one")
    parser.add_argument("--src", default="", help="translate: source language code")
    parser.add_argument("--tgt", default="", help="translate: target language code")
    parser.add_argument("--out", default=None, help="write the heatmap (caption: the words over the image) to this PNG")


def run(args: argparse.Namespace, session: Session) -> int:
    if args.out:  # checked before the model runs: a wrong name costs nothing
        check_output_file(Path(args.out), (".png",))
    text = text_argument(args.input) if args.task not in FILE_TASKS else args.input
    request = AttentionRequest(
        text,
        source_task=args.task,
        model=args.model,
        max_tokens=args.max_tokens,
        max_new_tokens=args.max_new_tokens,
        answer=args.answer,
        source_lang=args.src,
        target_lang=args.tgt,
        start_s=args.start_s,
    )
    if args.rollout and args.task not in ("encode", "generate"):
        raise InvalidRequestError(
            f"Rollout multiplies self-attention through the layers; --task {args.task} has cross-attention.",
            hint="Leave out --rollout.",
        )
    session.run(request, lambda maps, status: _show(args, maps), progress=ConsoleProgress())
    return EXIT_OK


def _show(args: argparse.Namespace, maps: AttentionMaps) -> None:
    matrix, what = _attention_view(maps, args.layer, args.head, args.rollout)
    if maps.truncated:
        cut = {"translate": "only the first sentence is shown", "transcribe": "only 30 s of audio are shown"}
        print(f"note: {cut.get(args.task, f'the input was cut at {args.max_tokens} tokens')}", file=sys.stderr)
    if args.out:
        try:
            written = _attention_png(maps, matrix, Path(args.out), f"{maps.model.ref}: {what}")
        except OSError as exc:
            raise OutputError(
                f"Could not write {args.out}: {exc.strerror or exc}.",
                hint="Check the disk's free space and the folder's permissions.",
            ) from exc
        print(f"wrote {written}", file=sys.stderr)
    if args.json:
        print(json.dumps(_attention_payload(maps, matrix, what), ensure_ascii=False))
    elif not args.out:
        print(f"{what}; {len(maps.tokens)} tokens. Use --out heatmap.png or --json to see it.")


def _attention_view(maps: AttentionMaps, layer: int, head: int | None, use_rollout: bool) -> tuple[Any, str]:
    from desktop_app.interpret.capture import rollout

    layers, heads = maps.weights.shape[:2]
    if not -layers <= layer < layers:
        raise InvalidRequestError(
            f"Layer {layer} does not exist: the model has {layers} layers (0 to {layers - 1}, or -1 for the last)."
        )
    if head is not None and not 0 <= head < heads:
        raise InvalidRequestError(f"Head {head} does not exist: each layer has {heads} heads (0 to {heads - 1}).")
    layer %= layers
    if use_rollout:
        return rollout(maps.weights), "rollout over all layers"
    if head is None:
        return maps.weights[layer].astype("float32").mean(axis=0), f"layer {layer}, mean of {heads} heads"
    return maps.weights[layer, head].astype("float32"), f"layer {layer}, head {head}"


def _attention_png(maps: AttentionMaps, matrix: Any, out: Path, title: str) -> Path:
    from desktop_app.interpret.render import heatmap_png, overlay_png

    if maps.grid is not None:
        return overlay_png(maps.input_path, maps.tokens, matrix, maps.grid, out, title)
    return heatmap_png(matrix, maps.tokens, maps.keys or maps.tokens, out, title)


def _attention_payload(maps: AttentionMaps, matrix: Any, what: str) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "task": maps.source_task,
        "tokens": list(maps.tokens),
        "keys": list(maps.keys or maps.tokens),
        "shape": list(maps.weights.shape),
        "view": what,
        "matrix": [[round(float(v), 5) for v in row] for row in matrix],
        "generated": maps.generated,
        "prompt_tokens": maps.prompt_tokens,
        "truncated": maps.truncated,
        "model": asdict(maps.model),
        "timings": maps.timings,
    }
    if maps.grid is not None:
        payload["grid"] = list(maps.grid)
    if maps.seconds_per_key:
        payload.update(start_s=maps.start_s, seconds_per_key=maps.seconds_per_key)
    if maps.attribution is not None:
        payload["attribution"] = {
            "gradient_x_input": [[round(float(v), 5) for v in row] for row in maps.attribution.gradient_x_input],
            "occlusion": [[round(float(v), 5) for v in row] for row in maps.attribution.occlusion],
            "top_k": [[{"token": t, "p": p} for t, p in step] for step in maps.attribution.top_k],
        }
    return payload
