"""`desktop-app models list|prepare|download|precision`: what is here per task (status, size, licence, pinned
revision, whether it fits this machine), converting the default models once and measuring their precisions,
fetching a model, and the precision quality gate for one model."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table

from desktop_app.cli.console import ConsoleProgress, console_context, print_json
from desktop_app.cli.flags import add_command
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.errors import DownloadError, InvalidRequestError, ModelNotFoundError
from desktop_app.core.tasks import MODEL_TASKS
from desktop_app.core.units import human_size
from desktop_app.store.catalog import catalog_entry
from desktop_app.store.model_store import ModelStore

NAME = "models"


def register(commands: Any) -> None:
    parser = add_command(commands, NAME, "list, prepare or download models", run, recorded=False)
    parser.add_argument(
        "action",
        choices=("list", "prepare", "download", "precision"),
        help="list: what is available per task; prepare: convert the default models once and measure their "
        "precisions; download: fetch MODEL (a known name or a Hugging Face id) and convert it once; precision: "
        "run --task's model (MODEL or the default) in each precision on the evaluation set and keep the fastest "
        "that passes the quality gate",
    )
    parser.add_argument(
        "model",
        nargs="?",
        default="",
        help="with download: the model to fetch; with precision: the model to measure (default: the task's default)",
    )
    parser.add_argument("--no-gate", action="store_true", help="with prepare: convert only, measure no precision")
    parser.add_argument("--task", choices=tuple(MODEL_TASKS), default=None)
    parser.add_argument(
        "--revision", default="", help="with download of a Hugging Face id: a branch, tag or commit (default: main)"
    )
    parser.add_argument(
        "--server", default="", metavar="URL", help="with list: the models an OpenAI-compatible server offers"
    )
    parser.add_argument("--api-key-env", default="", metavar="VAR", help="with --server: the API key's variable")


def run(args: argparse.Namespace, session: Session) -> int:
    store = ModelStore(session.paths.converted_models_dir)
    tasks = [args.task] if args.task else list(MODEL_TASKS)
    if args.action == "download":
        return _download(args, store)
    if args.action == "prepare":
        return _prepare(store, tasks, session, gate=not args.no_gate)
    if args.action == "precision":
        if not args.task:
            raise InvalidRequestError(
                "Say which task's model to measure: --task generate, transcribe, caption or translate."
            )
        return _precision(session, args.task, args.model, args.json)
    if args.server:
        return _list_server(args)
    return _list(args, store, tasks)


def _list_server(args: argparse.Namespace) -> int:
    import os

    from desktop_app.core.remote_models import base_url
    from desktop_app.remote.client import Servers

    address = base_url(args.server)
    keys = {address: os.environ.get(args.api_key_env, "")} if args.api_key_env else {}
    names = Servers(keys).model_names(address)
    if args.json:
        print_json({"server": address, "models": names})
    else:
        print("\n".join(names) if names else f"{address} lists no models.")
    return EXIT_OK


def _precision(session: Session, task: str, model: str, as_json: bool) -> int:
    """The quality gate for one model: each precision's time and agreement with float32, and the choice."""
    from desktop_app.core.precision_requests import PrecisionGateRequest

    result, _status = session.run(PrecisionGateRequest(task, model))
    if as_json:
        print_json(asdict(result))
        return EXIT_OK
    table = Table(show_edge=False, pad_edge=False, title=f"{result.model.ref} ({task}, {result.items} items)")
    for heading in ("precision", "seconds", "same as float32", "WER", "passes"):
        table.add_column(heading)
    for m in result.measures:
        wer = "" if m.wer is None else f"{m.wer:.3f}"
        passes = f"no: {m.failed}" if m.failed else "yes" if m.passed else "no"
        table.add_row(m.precision, f"{m.seconds:.2f}", f"{m.same:.0%}", wer, passes)
    Console().print(table)
    print(f"Passing means {result.rule()}. Automatic precision uses: {result.chosen}")
    return EXIT_OK


def _prepare(store: ModelStore, tasks: list[str], session: Session, gate: bool) -> int:
    from desktop_app.core.precision_requests import GATED_TASKS

    ctx = console_context()
    for task in tasks:
        ref = store.default_ref(task)
        if not ref:
            continue
        entry = catalog_entry(ref)
        try:
            resolved = store.resolve("", task, ctx)
        except (ModelNotFoundError, DownloadError):
            if entry is not None and entry.package is None:  # Hub-only: optional, the panel offers it
                print(f"{task}: {ref} is not installed (optional; {entry.install_hint})")
                continue
            raise
        print(f"{task}: {resolved.ref} ready at {resolved.path} ({resolved.source})")
        runtime = session.service().runtime
        if gate and task in GATED_TASKS and runtime.choices.get(task, resolved.key_path, runtime.device) is None:
            print(f"{task}: measuring its precisions once (the quality gate; --no-gate skips it)")
            _precision(session, task, "", as_json=False)
    return EXIT_OK


def _list(args: argparse.Namespace, store: ModelStore, tasks: list[str]) -> int:
    from desktop_app.store.machine_fit import estimate_fit

    rows = []
    for task in tasks:
        for model in store.list_models(task):
            fit = estimate_fit(model.parameters)
            rows.append(
                {
                    **asdict(model),
                    "formats": list(model.formats),
                    "fits": fit.verdict,
                    "memory_needed_bytes": fit.needed_bytes,
                }
            )
    if args.json:
        print_json(rows)
        return EXIT_OK
    table = Table(show_edge=False, pad_edge=False)
    for heading in ("task", "model", "status", "size", "licence", "fits", "revision", "where"):
        table.add_column(
            heading,
            justify="right" if heading == "size" else "left",
            overflow="fold",
            no_wrap=heading not in ("where",),
        )
    for row in rows:
        table.add_row(
            row["task"],
            row["display_name"],
            row["status"],
            human_size(row["size_bytes"]) if row["size_bytes"] else "-",
            row["licence"] or "-",
            row["fits"] if row["fits"] != "unknown" else "-",
            row["revision"][:12] or "-",
            row["path"] or row["hint"],
        )
    Console(soft_wrap=False).print(table)
    return EXIT_OK


def _download(args: argparse.Namespace, store: ModelStore) -> int:
    from desktop_app.store.checksums import folder_size
    from desktop_app.store.hub_cache import looks_like_hub_id
    from desktop_app.store.model_kind import kind_of_folder
    from desktop_app.store.model_store import hub_target

    if not args.model:
        raise InvalidRequestError(
            "Say which model to download.", hint="e.g. desktop-app models download florence-2-base"
        )
    progress = ConsoleProgress()
    ctx = console_context(progress=progress)
    hub_id, revision, entry = hub_target(args.model)
    if args.revision:
        if entry is not None:
            raise InvalidRequestError(
                f"{entry.display_name} is pinned to revision {entry.revision[:12]}.",
                hint=f"To fetch another revision, give its Hub id: {entry.hub_id}",
            )
        revision = args.revision
    if not looks_like_hub_id(hub_id):
        raise InvalidRequestError(f"'{args.model}' is neither a known model nor a Hugging Face id (owner/name).")
    try:
        resolved = store.download(args.model, hub_id, revision, ctx)
    finally:
        progress.end_line()
    size = human_size(folder_size(resolved.path))
    task = args.task or (entry.task if entry else kind_of_folder(resolved.path, hub_id).task)
    use = f"; use it with --model {args.model}" + (f" ({MODEL_TASKS[task]})" if task else "")
    print(f"{args.model}: ready at {resolved.path} (revision {resolved.revision[:12]}, {size}){use}")
    return EXIT_OK
