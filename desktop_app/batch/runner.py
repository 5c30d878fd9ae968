"""Running a batch job: on Ray Data (a local Ray started for the job, or a cluster joined by address; the
driver in a process of its own, batch/ray_driver.py), or in this process. Rows are written as they arrive,
inputs already done are skipped, and progress says files done, files per second and time left. Ray's own
start-up is timed apart from the work."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.batch.ray_driver import ray_batches
from desktop_app.batch.results_file import ResultRow, ResultsFile
from desktop_app.batch.task_worker import TaskWorker
from desktop_app.core.errors import InvalidRequestError
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
    ray_start_s: float  # the job's Ray driver started and Ray started or joined (0 in process)
    first_row_s: float  # from sending the work to the first rows back: workers starting and loading the model
    duplicates_dropped: int  # rows of an input that came twice (a retried batch); only the first is kept
    cancelled: bool = False
    workers: tuple[str, ...] = ()  # host:pid of every worker that sent rows


Progress = Callable[[BatchProgress], None]


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
        batches, ray_start_s = ray_batches(job, todo)
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
        _close(batches)
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


def _close(batches: Iterator[list[ResultRow]]) -> None:
    closer = getattr(batches, "close", None)
    if closer is not None:
        closer()  # a job stopped early stops its Ray driver (and the Ray it started)
