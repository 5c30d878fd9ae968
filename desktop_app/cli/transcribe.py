"""`desktop-app transcribe FILE...`: timed transcripts (txt, srt, vtt, json), on standard output or one file
each in --output-dir (a clashing name gets its own, talk-2.txt, unless --overwrite)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.flags import add_command, add_options, chosen_options
from desktop_app.cli.session import EXIT_ERROR, EXIT_INPUT, EXIT_OK, Session, fail
from desktop_app.core.errors import DiskSpaceError, InvalidRequestError, OutputError
from desktop_app.core.requests import TranscriptionRequest
from desktop_app.core.results import TranscriptionResult
from desktop_app.core.transcript_formats import FORMATS, render
from desktop_app.store.output_files import check_output_folder, unique_path, write_text_whole

NAME = "transcribe"
OPTIONS = ["language", "speech_task", "use_vad"]


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "transcribe (or translate to English) audio files",
        run,
        model="whisper-tiny.en (default), whisper-base, a model folder or a Hugging Face id",
        json="the same as --format json",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="audio files (wav, flac, ogg, mp3...)")
    add_options(parser, TranscriptionRequest, OPTIONS)
    parser.add_argument("--format", choices=FORMATS, default="txt", help="output format (default: %(default)s)")
    parser.add_argument(
        "--output-dir", default=None, help="write FILE's transcript to DIR/<name>.<format> instead of standard output"
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="with --output-dir: replace files that are there (default: a new name, talk-2.txt)",
    )


def run(args: argparse.Namespace, session: Session) -> int:
    fmt = "json" if args.json else args.format
    options = chosen_options(args, OPTIONS)
    requests = [TranscriptionRequest(str(Path(f)), model=args.model, **options) for f in args.files]
    for request in requests:
        request.validate()
    out_dir = check_output_folder(Path(args.output_dir)) if args.output_dir else None
    failures = 0
    written: set[Path] = set()

    def show(result: TranscriptionResult, status: str) -> None:
        nonlocal failures
        if result.note:
            print(f"note: {Path(result.audio_path).name}: {result.note}", file=sys.stderr)
        text = render(result, fmt)
        if out_dir is None:
            sys.stdout.write(text)
            return
        # two inputs named alike (a/talk.wav, b/talk.wav), or a file there already: a name of its own
        target = unique_path(
            out_dir / f"{Path(result.audio_path).stem}.{fmt}", written, replace_existing=args.overwrite
        )
        try:
            write_text_whole(target, text)
        except (OutputError, DiskSpaceError) as error:  # the others may still fit: go on
            fail(error, EXIT_ERROR)
            failures += 1
        else:
            print(f"wrote {target}", file=sys.stderr)

    for request in requests:
        try:
            session.run(request, show)
        except InvalidRequestError as error:  # one bad file does not stop the others
            fail(error, EXIT_INPUT)
            failures += 1
    return EXIT_INPUT if failures else EXIT_OK
