from __future__ import annotations

import time

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
