"""A whole file's waveform at a glance: the loudest sample in each of a fixed number of equal stretches, filled
in block by block as the file streams past (voice activity reads it anyway), so it never holds the audio."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np

from desktop_app.core.results import AudioOverview

COLUMNS = 1200  # about one a pixel across a wide window


class PeakOverview:
    def __init__(self, total_samples: int, rate: int, columns: int = COLUMNS) -> None:
        self.total = max(int(total_samples), 1)
        self.rate = rate
        self.columns = max(1, min(columns, self.total))
        self.peaks = np.zeros(self.columns, np.float32)
        self.read = 0  # samples seen, from the start

    def add(self, start: int, block: np.ndarray) -> None:
        """Fold in the samples [start, start + len(block)) of the file."""
        if len(block) == 0:
            return
        stop = start + len(block)
        first, last = start * self.columns // self.total, (stop - 1) * self.columns // self.total
        columns = np.arange(first, last + 1, dtype=np.int64)
        # column c starts at sample ceil(c * total / columns); a block starts inside its first column
        offsets = np.maximum(-(-columns * self.total // self.columns), start) - start
        loudest = np.maximum.reduceat(np.abs(block), offsets)
        self.peaks[first : last + 1] = np.maximum(self.peaks[first : last + 1], loudest)
        self.read = max(self.read, stop)

    def follow(
        self, blocks: Iterable[np.ndarray], on_update: Callable[[AudioOverview], None] | None = None
    ) -> Iterator[np.ndarray]:
        """Pass consecutive blocks from the start of the file on unchanged, folding each in first."""
        start = 0
        for block in blocks:
            self.add(start, block)
            start += len(block)
            if on_update is not None:
                on_update(self.snapshot())
            yield block

    def snapshot(self) -> AudioOverview:
        return AudioOverview(
            self.total / self.rate, tuple(round(float(p), 4) for p in self.peaks), self.read / self.rate
        )
