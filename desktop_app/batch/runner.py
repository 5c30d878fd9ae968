"""Running a batch job: on Ray Data (a local Ray started for the job, or a cluster joined by address), or in
this process. Rows are written as they arrive, inputs already done are skipped, and progress says files done,
files per second and time left. Ray's own start-up is timed apart from the work."""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.batch.results_file import ResultRow, ResultsFile
from desktop_app.batch.task_worker import TaskWorker
from desktop_app.core.errors import AppError, InvalidRequestError
from desktop_app.core.i18n import arg, tr


@dataclass(frozen=True)
class BatchJob:
    task: str  # caption, transcribe, translate, embed
    inputs: tuple[str, ...]
    out: Path
    model: str = ""  # "" is the task's default
    options: dict[str, Any] = field(default_factory=dict)  # the task's request options
    ray_address: str = ""  # "" starts a local Ray for the job; else a cluster's address (ray://host:10001, auto)
    workers: int = 1  # Ray actors, each with the model loaded
    batch_size: int = 8  # inputs per call of a worker
    retry_errors: bool = False  # run inputs again whose row is an error
    in_process: bool = False  # no Ray: the same worker in this process (the baseline)
    models_dir: str | None = None  # where the models are converted (None: each machine's own folder)


@dataclass(frozen=True)
class BatchProgress:
    done: int  # inputs finished in this run
    total: int  # inputs this run has to do
    errors: int
    files_per_s: float
    seconds_left: float | None  # None until the first rows are in
    rows: tuple[ResultRow, ...] = ()  # the rows that just arrived

    def text(self) -> str:
        left = "" if self.seconds_left is None else arg(tr(" · %1 s left"), f"{self.seconds_left:.0f}")
        errors = arg(tr(" · %1 failed"), self.errors) if self.errors else ""
        return arg(
            tr("%1 of %2 files · %3 files/s%4%5"), self.done, self.total, f"{self.files_per_s:.2f}", left, errors
        )


@dataclass(frozen=True)
class BatchSummary:
    total: int  # inputs in the job
    skipped: int  # already in the results file
    done: int  # finished in this run
    errors: int
    rows: int  # in the results file now
    work_s: float  # from the first batch sent to the last row written (after Ray started)
    ray_start_s: float  # ray.init: starting or joining Ray (0 in process)
    first_row_s: float  # from sending the work to the first rows back: workers starting and loading the model
    duplicates_dropped: int  # rows of an input that came twice (a retried batch); only the first is kept
    cancelled: bool = False
    workers: tuple[str, ...] = ()  # host:pid of every worker that sent rows


Progress = Callable[[BatchProgress], None]
WORKER_START_LIMIT_S = 600


def run_batch(
    job: BatchJob, on_progress: Progress | None = None, cancel: threading.Event | None = None
) -> BatchSummary:
    if job.workers < 1 or job.batch_size < 1:
        raise InvalidRequestError(tr("Workers and batch size must be 1 or more."))
    results = ResultsFile(job.out)
    done_before = results.done(job.retry_errors)
    todo = [path for path in dict.fromkeys(job.inputs) if path not in done_before]
    cancel = cancel or threading.Event()
    ray_start_s = 0.0
    started = time.perf_counter()
    batches: Iterator[list[ResultRow]]
    if job.in_process or not todo:  # nothing left to do needs no Ray
        batches = _in_process(job, todo)
    else:
        batches, ray_start_s = _on_ray(job, todo)
        started = time.perf_counter()
    counts = {"done": 0, "errors": 0, "duplicates": 0}
    seen: set[str] = set()
    workers: set[str] = set()
    first_row_s = 0.0
    try:
        for rows in batches:
            fresh = [row for row in rows if row.input not in seen]
            counts["duplicates"] += len(rows) - len(fresh)
            seen.update(row.input for row in fresh)
            workers.update(row.worker for row in fresh)
            results.append(fresh)
            first_row_s = first_row_s or time.perf_counter() - started
            counts["done"] += len(fresh)
            counts["errors"] += sum(not row.ok for row in fresh)
            if on_progress is not None:
                on_progress(_progress(counts, len(todo), time.perf_counter() - started, tuple(fresh)))
            if cancel.is_set():
                break
    finally:
        _close(batches, job)
    work_s = time.perf_counter() - started
    return BatchSummary(
        total=len(job.inputs),
        skipped=len(job.inputs) - len(todo),
        done=counts["done"],
        errors=counts["errors"],
        rows=results.finish(),
        work_s=round(work_s, 3),
        ray_start_s=round(ray_start_s, 3),
        first_row_s=round(first_row_s, 3),
        duplicates_dropped=counts["duplicates"],
        cancelled=cancel.is_set() and counts["done"] < len(todo),
        workers=tuple(sorted(workers)),
    )


def _progress(counts: dict[str, int], total: int, elapsed: float, rows: tuple[ResultRow, ...]) -> BatchProgress:
    rate = counts["done"] / elapsed if elapsed > 0 else 0.0
    left = (total - counts["done"]) / rate if rate > 0 else None
    return BatchProgress(counts["done"], total, counts["errors"], rate, left, rows)


def _in_process(job: BatchJob, todo: list[str]) -> Iterator[list[ResultRow]]:
    if not todo:
        return
    worker = TaskWorker(job.task, job.model, job.options, job.models_dir)
    for start in range(0, len(todo), job.batch_size):
        yield worker.run(todo[start : start + job.batch_size])


def _on_ray(job: BatchJob, todo: list[str]) -> tuple[Iterator[list[ResultRow]], float]:
    """Ray Data's map_batches with TaskWorker as the actor class: `workers` actors, one CPU each, restarted and
    their batches retried when a worker process dies (Ray Data's defaults for actors)."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise InvalidRequestError(
            tr("Batch jobs on Ray need the 'batch' extra."), hint="pip install 'desktop-app[batch]'"
        ) from exc
    started = time.perf_counter()
    if not ray.is_initialized():
        _start_ray(ray, job)
    ray_start_s = time.perf_counter() - started
    if not todo:
        return iter(()), ray_start_s
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the job's own progress says it in the app's words
    context.print_on_execution_start = False
    # Every worker has its model loaded before the first batch goes out: the batches are shared among all of
    # them, not taken by the first to start. A cluster without room for them all fails within the limit.
    context.wait_for_min_actors_s = WORKER_START_LIMIT_S
    # Ray 2.60 picks a worker by where a batch's block lies, read "best effort": when Ray does not know it yet,
    # its scheduler fails with a KeyError (seen on a busy 2-core machine). The blocks are lists of file paths,
    # so locality gains nothing; the setting is deprecated, hence the warning kept quiet.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context.execution_options.actor_locality_enabled = False
    # One block per batch: a worker that dies takes only its batch with it, and Ray retries just that.
    dataset = ray.data.from_items(
        [{"input": path} for path in todo], override_num_blocks=math.ceil(len(todo) / job.batch_size)
    )
    threads = max(1, (os.cpu_count() or 1) // job.workers) if not job.ray_address else 0
    mapped = dataset.map_batches(
        TaskWorker,
        fn_constructor_args=(job.task, job.model, job.options, job.models_dir, threads),
        batch_size=job.batch_size,
        compute=ray.data.ActorPoolStrategy(size=job.workers),
        num_cpus=1,
        batch_format="numpy",
    )

    def batches() -> Iterator[list[ResultRow]]:
        for batch in mapped.iter_batches(batch_size=None, batch_format="numpy"):
            yield [ResultRow(**json.loads(str(row))) for row in batch["row"]]

    return batches(), ray_start_s


def _start_ray(ray: Any, job: BatchJob) -> None:
    # Ray's C++ core logs to the terminal on its own (a note about actors' constructor arguments on every
    # run); failures reach the job as exceptions, said in the app's words. RAY_BACKEND_LOG_LEVEL set by the
    # person wins.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # the job's progress is said in the app's words
    try:
        if job.ray_address:
            ray.init(address=job.ray_address, logging_level=logging.ERROR, log_to_driver=False)
        else:  # a Ray of our own on this machine, for this job: as many CPUs as there are, at least one per worker
            ray.init(num_cpus=max(job.workers, os.cpu_count() or 1), **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = job.ray_address or tr("this computer")
        hint = (
            tr(
                "Check the address (ray://head:10001, or host:6379 on the cluster's network). A cluster with "
                "token authentication also needs RAY_AUTH_MODE=token and its token (RAY_AUTH_TOKEN)."
            )
            if job.ray_address
            else ""
        )
        raise AppError(arg(tr("Ray could not start or be reached at %1: %2"), where, exc), hint=hint) from exc


def _close(batches: Iterator[list[ResultRow]], job: BatchJob) -> None:
    closer = getattr(batches, "close", None)
    if closer is not None:
        closer()
    if not job.in_process:
        import ray

        if ray.is_initialized():
            ray.shutdown()  # the Ray this job started stops; a cluster joined stays up, without this driver
