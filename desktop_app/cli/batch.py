"""`desktop-app batch caption|transcribe|translate|embed INPUT_DIR --out RESULTS.parquet`: every file of the task's
kinds under INPUT_DIR, one result row per file (Parquet or JSONL), on Ray Data (a local Ray started for the
job, or a cluster with --ray ADDRESS). A rerun with the same --out skips what is done; Ctrl+C stops after the
batches in flight, keeping every finished row."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app.batch.inputs import BATCH_TASKS, gather
from desktop_app.batch.results_file import ResultsFile
from desktop_app.batch.runner import BatchJob, BatchProgress, run_batch
from desktop_app.cli.console import ConsoleProgress, print_json
from desktop_app.cli.flags import add_command, add_option, positive_int
from desktop_app.cli.session import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, Session
from desktop_app.core.options import options_of
from desktop_app.core.requests import CaptionRequest, TranscriptionRequest, TranslationRequest

NAME = "batch"
# The options each task's requests take from the command line (declared once, on the requests).
TASK_OPTIONS: dict[str, tuple[type, list[str]]] = {
    "caption": (CaptionRequest, ["prompt", "num_beams", "max_new_tokens"]),
    "transcribe": (TranscriptionRequest, ["language", "speech_task", "use_vad"]),
    "translate": (TranslationRequest, ["source_lang", "target_lang"]),
}


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "caption, transcribe, translate or embed a folder of files on Ray",
        run,
        model="the task's model (default: the task's default model)",
        recorded=False,
        json="print a JSON summary (counts, times, workers) at the end",
    )
    parser.add_argument("task", choices=BATCH_TASKS)
    parser.add_argument("input_dir", metavar="INPUT_DIR", type=Path, help="the folder (subfolders too)")
    parser.add_argument("--out", required=True, type=Path, metavar="RESULTS", help="a .parquet or .jsonl file")
    parser.add_argument(
        "--ray", default="", metavar="ADDRESS", help="join this Ray cluster (e.g. ray://head:10001, or auto)"
    )
    parser.add_argument("--workers", type=positive_int, default=1, help="workers, each with the model loaded")
    parser.add_argument("--batch-size", type=positive_int, default=8, help="files per call of a worker")
    parser.add_argument("--retry-errors", action="store_true", help="run again the files whose row is an error")
    parser.add_argument("--in-process", action="store_true", help="no Ray: run in this process (one worker)")
    parser.epilog = "Exit status: 0 when every file has a result, 1 when some failed (their rows say why)."
    seen: set[str] = set()
    for request_class, names in TASK_OPTIONS.values():
        for name in names:
            if name not in seen:
                seen.add(name)
                add_option(parser, options_of(request_class)[name])


def run(args: argparse.Namespace, session: Session) -> int:
    ResultsFile(args.out)  # a wrong kind of output file is said before the folder is read
    request_class, names = TASK_OPTIONS.get(args.task, (None, []))
    options = {name: getattr(args, name) for name in names}
    if request_class is not None:
        request_class(**_placeholder(args.task), **options).validate()  # bad options fail before Ray starts
    job = BatchJob(
        task=args.task,
        inputs=tuple(gather(args.task, args.input_dir)),
        out=args.out,
        model=args.model,
        options=options,
        ray_address=args.ray,
        workers=args.workers,
        batch_size=args.batch_size,
        retry_errors=args.retry_errors,
        in_process=args.in_process,
        models_dir=None if args.ray else str(session.paths.converted_models_dir),
    )
    cancel = threading.Event()

    def interrupted(*_: object) -> None:
        """The first Ctrl+C stops after the batch in hand and writes the file; a second one quits now (the rows
        already written stay in the journal, and a rerun resumes from them)."""
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        print("Stopping after the batch in hand (Ctrl+C again to quit now)…", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, interrupted)
    console = ConsoleProgress()

    def show(progress: BatchProgress) -> None:
        if console.enabled:
            console(progress.text(), progress.done / max(progress.total, 1))
        else:
            print(progress.text(), file=sys.stderr, flush=True)

    try:
        summary = run_batch(job, show, cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
        console.end_line()
    if args.json:
        print_json(asdict(summary))
    else:
        print(
            f"{summary.done} done ({summary.errors} failed), {summary.skipped} already in {args.out}; "
            f"{summary.rows} rows. Work {summary.work_s:.1f} s (first results after {summary.first_row_s:.1f} s), "
            f"Ray start {summary.ray_start_s:.1f} s."
        )
    if summary.cancelled:
        print(f"Stopped: run the same command again to do the other {summary.total - summary.skipped - summary.done}.")
        return EXIT_INTERRUPTED
    return EXIT_ERROR if summary.errors else EXIT_OK


def _placeholder(task: str) -> dict[str, Any]:
    """A request of the task with an input, to check the options alone."""
    inputs: dict[str, dict[str, Any]] = {
        "caption": {"image_paths": ("x",)},
        "transcribe": {"audio_path": "x"},
        "translate": {"text": "x"},
    }
    return inputs[task]
