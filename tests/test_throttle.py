from __future__ import annotations

import threading
import time
from multiprocessing import Pipe

from desktop_app.core.context import JobContext
from desktop_app.core.requests import GenerationRequest
from desktop_app.workers import worker_process
from desktop_app.workers.throttle import PartialBatcher, ProgressThrottle


def test_progress_throttle_passes_new_messages_and_completion_but_limits_rate():
    seen: list[tuple[str, float | None]] = []
    throttle = ProgressThrottle(lambda m, f: seen.append((m, f)), interval_s=10)
    for i in range(100):
        throttle("Downloading", i / 100)
    throttle("Downloading", 1.0)
    throttle("Loading", None)
    assert seen == [("Downloading", 0.0), ("Downloading", 1.0), ("Loading", None)]


def test_partial_batcher_groups_fast_items_and_flushes_the_rest():
    batches: list[tuple[int, ...]] = []
    batcher = PartialBatcher(batches.append, interval_s=0.05)
    for i in range(10):
        batcher(i)
    assert batches == [(0,)]
    time.sleep(0.06)
    batcher(10)
    batcher.flush()
    batcher.flush()
    assert [item for batch in batches for item in batch] == list(range(11))
    assert len(batches) == 2


class _Streaming:
    """A runner as the models' process holds it, whose job streams `count` items as fast as it can."""

    unload_after_s = 0.0

    def __init__(self, count: int) -> None:
        self.count = count

    def run(self, _request: object, ctx: JobContext) -> str:
        for i in range(self.count):
            ctx.partial(i)
        return "done"

    def loaded_models(self) -> tuple[()]:
        return ()


def test_the_models_process_sends_streamed_items_in_batches_and_all_of_them_before_the_outcome():
    """A message a token woke the window's process at every token (workers/worker_process.py)."""
    child_end, parent_end = Pipe()
    messages: list[tuple[str, tuple[int, ...]]] = []
    ran = threading.Event()

    def read() -> None:  # as the window's worker thread reads them, while the job runs
        while not ran.is_set() or parent_end.poll(0):
            if parent_end.poll(0.01):
                messages.append(parent_end.recv())

    reader = threading.Thread(target=read)
    reader.start()
    outcome = worker_process._run(_Streaming(1000), GenerationRequest("Hi"), child_end, None)
    ran.set()
    reader.join()
    assert all(kind == "partial" for kind, _ in messages)
    assert [item for _, batch in messages for item in batch] == list(range(1000)), "every item, in order"
    assert len(messages) < 100, f"{len(messages)} messages for 1000 items"
    assert outcome[:2] == ("done", "done")
