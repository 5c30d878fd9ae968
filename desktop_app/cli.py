"""Headless commands over the same engines as the GUI, for scripting and batch work.

Exit codes: 0 success, 1 unexpected error, 2 bad arguments, 3 model missing or unloadable,
4 invalid input, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app import APP_NAME, __version__
from desktop_app.cli_console import ConsoleProgress, clean_text, console_context, print_notice, text_argument
from desktop_app.core.caption_formats import FORMATS as CAPTION_FORMATS
from desktop_app.core.errors import (
    AppError,
    DiskSpaceError,
    DownloadError,
    InvalidRequestError,
    JobCancelled,
    ModelLoadError,
    ModelNotFoundError,
    OutputError,
)
from desktop_app.core.requests import (
    SPEECH_TASKS,
    CaptionRequest,
    GenerationRequest,
    TranscriptionRequest,
    TranslationRequest,
)
from desktop_app.core.results import TokenDelta
from desktop_app.core.transcript_formats import FORMATS
from desktop_app.store.catalog import TASKS, catalog_entry
from desktop_app.store.output_files import check_output_folder, unique_path, write_text_whole
from desktop_app.store.paths import AppPaths

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_MODEL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
COMMANDS = ("generate", "transcribe", "caption", "translate", "attention", "fuse", "match", "search", "compress",
            "models")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Offline multimodal AI workbench. "
                                     "Without a command, the window opens.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gen = commands.add_parser("generate", help="generate text from a prompt")
    gen.add_argument("prompt", help="the prompt, or - to read it from standard input")
    gen.add_argument("--model", default="", help="model folder, Hugging Face id or known name (default: %(default)s"
                     " means SmolLM2 135M Instruct)")
    gen.add_argument("--system", default="", help="system prompt")
    gen.add_argument("--no-chat-template", action="store_true", help="send the prompt as raw text")
    gen.add_argument("--max-new-tokens", type=_positive_int, default=256)
    gen.add_argument("--temperature", type=float, default=0.0,
                     help="0 (the default here) is greedy and repeatable; try 0.7 for variety")
    gen.add_argument("--top-p", type=float, default=0.9)
    gen.add_argument("--top-k", type=int, default=50)
    gen.add_argument("--repetition-penalty", type=float, default=1.1)
    gen.add_argument("--seed", type=int, default=None)
    gen.add_argument("--json", action="store_true", help="print one JSON object with text, model and timings")
    gen.add_argument("--no-history", action="store_true", help="do not record this job in the history")

    speech = commands.add_parser("transcribe", help="transcribe (or translate to English) audio files")
    speech.add_argument("files", nargs="+", metavar="FILE", help="audio files (wav, flac, ogg, mp3...)")
    speech.add_argument("--model", default="", help="whisper-tiny.en (default), whisper-base, a model folder or "
                        "a Hugging Face id")
    speech.add_argument("--language", default="", help="language code such as en or fr (default: detect)")
    speech.add_argument("--task", choices=SPEECH_TASKS, default="transcribe",
                        help="translate: speech in any language to English text (multilingual models)")
    speech.add_argument("--format", choices=FORMATS, default="txt", help="output format (default: %(default)s)")
    speech.add_argument("--json", action="store_true", help="the same as --format json")
    speech.add_argument("--output-dir", default=None,
                        help="write FILE's transcript to DIR/<name>.<format> instead of standard output")
    speech.add_argument("--no-vad", action="store_true", help="do not skip silence; cut every 30 s instead")
    speech.add_argument("--overwrite", action="store_true",
                        help="with --output-dir: replace files that are there (default: a new name, talk-2.txt)")
    speech.add_argument("--no-history", action="store_true", help="do not record these jobs in the history")

    cap = commands.add_parser("caption", help="caption images and folders of images")
    cap.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="image files, or folders of images")
    cap.add_argument("--model", default="", help="blip-base (default), vit-gpt2, a model folder or a Hugging Face "
                     "id")
    cap.add_argument("--prompt", default="", help='conditional captioning: the caption starts with this, e.g. '
                     '"a photograph of"')
    cap.add_argument("--beams", type=_positive_int, default=3)
    cap.add_argument("--max-length", type=_positive_int, default=30, help="most new tokens per caption")
    cap.add_argument("--repetition-penalty", type=float, default=1.2)
    cap.add_argument("--batch-size", type=_positive_int, default=8, help="images per model call")
    cap.add_argument("--no-recursive", action="store_true", help="only the images directly inside each folder")
    cap.add_argument("--format", choices=CAPTION_FORMATS, default="txt",
                     help="txt: path<TAB>caption lines (default); csv; json")
    cap.add_argument("--json", action="store_true", help="the same as --format json")
    cap.add_argument("--sidecar", action="store_true", help="also write photo.txt beside each photo.jpg (an "
                     "existing photo.txt is kept)")
    cap.add_argument("--overwrite", action="store_true", help="with --sidecar: replace existing .txt files")
    cap.add_argument("--no-history", action="store_true", help="do not record this job in the history")

    tr = commands.add_parser("translate", help="translate text")
    tr.add_argument("text", help="the text, or - to read it from standard input")
    tr.add_argument("--model", default="", help="nllb-200-600m (default), m2m100-418m, opus-mt-en-de, a model folder "
                    "or a Hugging Face id")
    tr.add_argument("--src", default="", help="source language code (en, or eng_Latn for NLLB)")
    tr.add_argument("--tgt", default="", help="target language code (de, or deu_Latn for NLLB)")
    tr.add_argument("--beams", type=_positive_int, default=4)
    tr.add_argument("--max-length", type=_positive_int, default=256, help="most new tokens per sentence")
    tr.add_argument("--json", action="store_true", help="print one JSON object with text, sentences, model, timings")
    tr.add_argument("--no-history", action="store_true", help="do not record this job in the history")

    from desktop_app import cli_attention, cli_compress, cli_fusion

    cli_attention.add_command(commands, _positive_int)
    cli_fusion.add_commands(commands)
    cli_compress.add_command(commands)

    models = commands.add_parser("models", help="list, prepare or download models")
    models.add_argument("action", choices=("list", "prepare", "download"),
                        help="list: what is available per task; prepare: convert the default models once; "
                        "download: fetch MODEL (a known name or a Hugging Face id) and convert it once")
    models.add_argument("model", nargs="?", default="", help="with download: the model to fetch")
    models.add_argument("--task", choices=tuple(TASKS), default=None)
    models.add_argument("--revision", default="", help="with download of a Hugging Face id: a branch, tag or "
                        "commit (default: main)")
    models.add_argument("--json", action="store_true")
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from desktop_app.environment import configure_environment

    configure_environment()
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 prints as the bytes it is
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    paths = AppPaths.from_environment().ensure()
    try:
        if args.command == "generate":
            return _generate(args, paths)
        if args.command == "transcribe":
            return _transcribe(args, paths)
        if args.command == "caption":
            return _caption(args, paths)
        if args.command == "translate":
            return _translate(args, paths)
        if args.command == "attention":
            from desktop_app import cli_attention

            cli_attention.run(args, _service(paths), ConsoleProgress())
            return EXIT_OK
        if args.command == "compress":
            from desktop_app import cli_compress

            cli_compress.run(args, _service(paths), ConsoleProgress())
            return EXIT_OK
        if args.command in ("fuse", "match", "search"):
            from desktop_app import cli_fusion

            cli_fusion.run(args, _service(paths), ConsoleProgress(),
                           lambda request, result, status: _record(paths, request, result, status))
            return EXIT_OK
        return _models(args, paths)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (ModelNotFoundError, ModelLoadError, DownloadError, DiskSpaceError) as error:
        return _fail(error, EXIT_MODEL)
    except (InvalidRequestError, OutputError) as error:
        return _fail(error, EXIT_INPUT)
    except AppError as error:
        return _fail(error, EXIT_ERROR)
    except Exception as error:  # a bug: one sentence here, the traceback in a report file, never on screen
        from desktop_app.crash_report import print_crash

        print_crash(error, paths.data_dir, {"command": args.command})
        return EXIT_ERROR


def _fail(error: AppError, code: int) -> int:
    print(f"error: {error.message}", file=sys.stderr)
    if error.hint:
        print(f"hint: {error.hint}", file=sys.stderr)
    return code


def _service(paths: AppPaths) -> Any:
    from desktop_app.fusion.service import Workbench
    from desktop_app.store.model_store import ModelStore

    store = ModelStore(paths.converted_models_dir)
    store.remove_leftovers()
    return Workbench(store, paths.embeddings_dir)


def _generate(args: argparse.Namespace, paths: AppPaths) -> int:
    prompt = text_argument(args.prompt, "the prompt")
    request = GenerationRequest(
        prompt=prompt, model=args.model, system_prompt=clean_text(args.system, "the system prompt"),
        use_chat_template=not args.no_chat_template,
        max_new_tokens=args.max_new_tokens, temperature=args.temperature, top_p=args.top_p, top_k=args.top_k,
        repetition_penalty=args.repetition_penalty, seed=args.seed,
    )
    request.validate()  # before any model loads: bad input fails in milliseconds
    stream = not args.json

    def on_partial(item: Any) -> None:
        if stream and isinstance(item, TokenDelta):
            sys.stdout.write(item.text)
            sys.stdout.flush()

    ctx = console_context(on_partial)
    status = "finished"
    try:
        result = _service(paths).run(request, ctx)
    except JobCancelled as cancelled:
        result, status = cancelled.partial_result, "cancelled"
    if args.json:
        payload = {"text": result.text, "model": asdict(result.model), "prompt_tokens": result.prompt_tokens,
                   "new_tokens": result.new_tokens, "finish_reason": result.finish_reason,
                   "timings": result.timings}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write("\n")
    sys.stdout.flush()
    if not args.no_history and result is not None:
        _record(paths, request, result, status)
    return EXIT_OK


def _record(paths: AppPaths, request: Any, result: Any, status: str) -> None:
    """Record a job whose result is already out: a history that cannot be written is a warning, never a lost
    result."""
    from desktop_app.store.history import HistoryStore
    from desktop_app.store.job_records import record_job

    history = HistoryStore(paths.history_db)
    try:
        if history.recovery is not None:
            print_notice(history.recovery.message())
        if not history.available:
            print(f"warning: not recorded in the history: {history.problem}", file=sys.stderr)
            return
        record_job(history, request, result, status)
    except Exception as exc:  # the result was printed or saved before this: it stands
        print(f"warning: the result is complete, but the history could not record it ({exc}).", file=sys.stderr)
    finally:
        history.close()


def _transcribe(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop_app.core.transcript_formats import render

    fmt = "json" if args.json else args.format
    requests = [TranscriptionRequest(str(Path(f)), model=args.model, language=args.language, speech_task=args.task,
                                     use_vad=not args.no_vad) for f in args.files]
    for request in requests:
        request.validate()
    out_dir = check_output_folder(Path(args.output_dir)) if args.output_dir else None
    service = _service(paths)
    failures = 0
    written: set[Path] = set()
    for request in requests:
        ctx = console_context()
        try:
            result = service.run(request, ctx)
        except InvalidRequestError as error:  # one bad file does not stop the others
            _fail(error, EXIT_INPUT)
            failures += 1
            continue
        if result.note:
            print(f"note: {Path(request.audio_path).name}: {result.note}", file=sys.stderr)
        text = render(result, fmt)
        if out_dir is not None:
            target = out_dir / f"{Path(request.audio_path).stem}.{fmt}"
            # two inputs named alike (a/talk.wav, b/talk.wav), or a file there already: a name of its own
            target = unique_path(target, written, replace_existing=args.overwrite)
            try:
                write_text_whole(target, text)
            except (OutputError, DiskSpaceError) as error:  # the others may still fit: go on
                _fail(error, EXIT_ERROR)
                failures += 1
            else:
                print(f"wrote {target}", file=sys.stderr)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        if not args.no_history:
            _record(paths, request, result, "finished")
    return EXIT_INPUT if failures else EXIT_OK


def _caption(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop_app.core import caption_formats
    from desktop_app.images.loading import image_files

    files = [str(path) for path in image_files(args.inputs, recursive=not args.no_recursive)]
    if not files:
        raise InvalidRequestError("No images were found in " + ", ".join(args.inputs) + ".",
                                  hint="Give image files (JPEG, PNG, WebP...) or folders that hold some.")
    request = CaptionRequest(tuple(files), model=args.model, prompt=clean_text(args.prompt, "the prompt"),
                             num_beams=args.beams,
                             max_new_tokens=args.max_length, repetition_penalty=args.repetition_penalty,
                             batch_size=args.batch_size)
    request.validate()
    ctx = console_context()
    status = "finished"
    try:
        result = _service(paths).run(request, ctx)
    except JobCancelled as cancelled:
        result, status = cancelled.partial_result, "cancelled"
    fmt = "json" if args.json else args.format
    if fmt == "json":
        text = caption_formats.to_json(result.items, {"model": asdict(result.model), "timings": result.timings})
    else:
        text = caption_formats.render(result.items, fmt)
    sys.stdout.write(text)
    sys.stdout.flush()
    problems: list[str] = []
    if args.sidecar:
        written, problems, kept = caption_formats.write_sidecars(result.items, overwrite=args.overwrite)
        print(f"wrote {len(written)} sidecar .txt files", file=sys.stderr)
        if kept:
            print(f"note: kept {len(kept)} existing .txt files (e.g. {kept[0]}); --overwrite replaces them",
                  file=sys.stderr)
        for problem in problems:
            print(f"error: could not write {problem}", file=sys.stderr)
    for item in result.failed:
        print(f"error: {item.error.message if item.error else item.path}", file=sys.stderr)
    if not args.no_history:
        _record(paths, request, result, status)
    return EXIT_INPUT if result.failed else EXIT_ERROR if problems else EXIT_OK


def _translate(args: argparse.Namespace, paths: AppPaths) -> int:
    text = text_argument(args.text)
    request = TranslationRequest(text, model=args.model, source_lang=args.src, target_lang=args.tgt,
                                 num_beams=args.beams, max_new_tokens=args.max_length)
    request.validate()
    status = "finished"
    try:
        result = _service(paths).run(request, console_context())
    except JobCancelled as cancelled:
        result, status = cancelled.partial_result, "cancelled"
    if result.note:
        print(f"note: {result.note}", file=sys.stderr)
    if args.json:
        payload = {"text": result.text, "source_lang": result.source_lang, "target_lang": result.target_lang,
                   "sentences": [{"source": s.source, "target": s.target} for s in result.sentences],
                   "model": asdict(result.model), "timings": result.timings}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(result.text.rstrip("\n"))
    sys.stdout.flush()
    if not args.no_history:
        _record(paths, request, result, status)
    return EXIT_OK


def _models(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop_app.store.model_store import ModelStore

    store = ModelStore(paths.converted_models_dir)
    tasks = [args.task] if args.task else list(TASKS)
    if args.action == "download":
        return _download(args, store)
    if args.action == "prepare":
        ctx = console_context()
        for task in tasks:
            ref = store.default_ref(task)
            if not ref:
                continue
            entry = catalog_entry(ref)
            try:
                resolved = store.resolve("", task, ctx)
            except (ModelNotFoundError, DownloadError):
                if entry is not None and entry.package is None:  # Hub-only: optional, the panel explains it
                    print(f"{task}: {ref} is not installed (optional; {entry.install_hint})")
                    continue
                raise
            print(f"{task}: {resolved.ref} ready at {resolved.path} ({resolved.source})")
        return EXIT_OK
    from desktop_app.core.units import human_size
    from desktop_app.store.machine_fit import estimate_fit

    rows = []
    for task in tasks:
        for model in store.list_models(task):
            fit = estimate_fit(model.parameters)
            rows.append({**asdict(model), "formats": list(model.formats), "fits": fit.verdict,
                         "memory_needed_bytes": fit.needed_bytes})
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            size = human_size(row["size_bytes"]) if row["size_bytes"] else "-"
            print(f"{row['task']:<11} {row['display_name']:<44} {row['status']:<16} {size:>9}  "
                  f"{row['licence'] or '-':<13} {row['fits'] if row['fits'] != 'unknown' else '-':<8} "
                  f"{row['revision'][:12] or '-':<12}  {row['path'] or row['hint']}")
    return EXIT_OK


def _download(args: argparse.Namespace, store: Any) -> int:
    from desktop_app.core.units import human_size
    from desktop_app.store.checksums import folder_size
    from desktop_app.store.hub_cache import looks_like_hub_id
    from desktop_app.store.model_kind import kind_of_folder
    from desktop_app.store.model_store import hub_target

    if not args.model:
        raise InvalidRequestError("Say which model to download.",
                                  hint="e.g. desktop-app models download florence-2-base")
    progress = ConsoleProgress()
    ctx = console_context(progress=progress)
    hub_id, revision, entry = hub_target(args.model)
    if args.revision:
        if entry is not None:
            raise InvalidRequestError(f"{entry.display_name} is pinned to revision {entry.revision[:12]}.",
                                      hint=f"To fetch another revision, give its Hub id: {entry.hub_id}")
        revision = args.revision
    if not looks_like_hub_id(hub_id):
        raise InvalidRequestError(f"'{args.model}' is neither a known model nor a Hugging Face id (owner/name).")
    try:
        resolved = store.download(args.model, hub_id, revision, ctx)
    finally:
        progress.end_line()
    size = human_size(folder_size(resolved.path))
    task = args.task or (entry.task if entry else kind_of_folder(resolved.path, hub_id).task)
    use = f"; use it with --model {args.model}" + (f" ({TASKS[task]})" if task else "")
    print(f"{args.model}: ready at {resolved.path} (revision {resolved.revision[:12]}, {size}){use}")
    return EXIT_OK
