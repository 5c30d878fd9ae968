"""An audio file read as 16 kHz mono float32 one stretch at a time, so that a two-hour recording is never held
whole: voice activity streams through it in blocks, and Whisper reads the 30 s it needs by seeking.

`AudioFile` slices like a numpy array (`audio[a:b]`, `len(audio)`, in 16 kHz samples), so the same
transcription code runs on a file and on samples in memory. Each stretch is resampled with some of the
audio around it and trimmed, aligned to the resampler's period, so stretches join without seams.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.audio.decoding import SPEECH_RATE, check_readable
from desktop_app.audio.resample import resample
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr

_CONTEXT_PERIODS = 4  # resampler periods read on each side of a stretch (far more than its filter needs)
_PEAK_BLOCK = 1 << 20
FLOAT_SUBTYPES = ("FLOAT", "DOUBLE")


@dataclass
class AudioFile:
    path: Path
    frames: int  # in the file, at its own rate
    source_rate: int
    scale: float = 1.0  # float files louder than full scale are brought down to it
    _period: tuple[int, int] = field(default=(1, 1), repr=False)  # (source frames, 16 kHz samples) per period

    @staticmethod
    def open(path: str | Path, ctx: JobContext | None = None) -> AudioFile:
        """Check the file and read its header; a float file is scanned once for its peak, and one louder than
        full scale is normalised (the job says so)."""
        import soundfile

        path = Path(path).expanduser()
        check_readable(path)
        ctx = ctx or JobContext()
        try:
            info = soundfile.info(_os_path(path))
        except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
            raise InvalidRequestError(
                arg(tr("%1 is not an audio file that can be read."), path.name),
                hint=tr("Open a WAV, FLAC, OGG or MP3 file."),
                detail=str(exc),
            ) from exc
        if info.samplerate <= 0:
            raise InvalidRequestError(arg(tr("%1 has no sample rate."), path.name), hint=tr("The file is damaged."))
        common = math.gcd(info.samplerate, SPEECH_RATE)
        audio = AudioFile(
            path, int(info.frames), int(info.samplerate), _period=(info.samplerate // common, SPEECH_RATE // common)
        )
        if info.subtype in FLOAT_SUBTYPES:
            peak = audio._peak(ctx)
            if peak > 1.0:
                audio.scale = 1.0 / peak
                ctx.notice(
                    arg(
                        tr(
                            "%1 holds float samples up to %2, beyond full scale (1.0); it was scaled down by "
                            "%3 to be heard as it should."
                        ),
                        path.name,
                        f"{peak:.3g}",
                        f"{peak:.3g}",
                    )
                )
        return audio

    @property
    def duration_s(self) -> float:
        return self.frames / self.source_rate

    def __len__(self) -> int:
        return self.frames * SPEECH_RATE // self.source_rate

    def __getitem__(self, key: slice) -> np.ndarray:
        start, stop, step = key.indices(len(self))
        if step != 1:
            raise ValueError("AudioFile slices are contiguous")
        return self.read(start, stop)

    def read(self, start: int, stop: int) -> np.ndarray:
        """16 kHz samples [start, stop) of the file."""
        stop = min(stop, len(self))
        if stop <= start:
            return np.zeros(0, np.float32)
        if self.source_rate == SPEECH_RATE:
            return self._read_mono(start, stop)
        source_period, target_period = self._period
        context = _CONTEXT_PERIODS * source_period
        first_period = start // target_period  # resample from a period boundary: the samples line up exactly
        source_start = max(0, first_period * source_period - context)
        source_stop = min(self.frames, -(-stop // target_period) * source_period + context)
        samples = resample(self._read_mono(source_start, source_stop), self.source_rate, SPEECH_RATE)
        offset = start - source_start // source_period * target_period
        return samples[offset : offset + (stop - start)]

    def blocks(self, block_samples: int, ctx: JobContext, label: str = "Reading") -> Iterator[np.ndarray]:
        """The whole file in consecutive 16 kHz blocks, with progress and cancel."""
        total = len(self)
        for start in range(0, total, block_samples):
            ctx.check_cancelled()
            ctx.progress(f"{label} {_clock(start / SPEECH_RATE)} of {_clock(self.duration_s)}", start / total)
            yield self.read(start, min(start + block_samples, total))

    def _read_mono(self, first: int, stop: int) -> np.ndarray:
        import soundfile

        try:
            with soundfile.SoundFile(_os_path(self.path)) as audio:
                audio.seek(first)
                block = audio.read(stop - first, dtype="float32", always_2d=True)
        except (soundfile.LibsndfileError, RuntimeError) as exc:
            raise InvalidRequestError(
                arg(tr("%1 could not be read at %2."), self.path.name, _clock(first / self.source_rate)),
                hint=tr("The file may be damaged there."),
                detail=str(exc),
            ) from exc
        mono = block.mean(axis=1, dtype=np.float32) if block.shape[1] > 1 else block[:, 0]
        if not np.all(np.isfinite(mono)):
            raise InvalidRequestError(
                arg(
                    tr("%1 holds invalid audio samples (NaN or infinite) near %2."),
                    self.path.name,
                    _clock(first / self.source_rate),
                ),
                hint=tr("The file is damaged."),
            )
        return np.asarray(mono * np.float32(self.scale) if self.scale != 1.0 else mono, dtype=np.float32)

    def _peak(self, ctx: JobContext) -> float:
        import soundfile

        peak = 0.0
        with soundfile.SoundFile(_os_path(self.path)) as audio:
            for block in audio.blocks(blocksize=_PEAK_BLOCK, dtype="float32", always_2d=True):
                ctx.check_cancelled()
                finite = block[np.isfinite(block)]
                if finite.size:
                    peak = max(peak, float(np.abs(finite).max()))
        return peak


def _os_path(path: Path) -> Any:
    """The path as the operating system spells it: a name that is not UTF-8 stays as it is on disk."""
    import os

    return os.fsencode(path)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
