"""Read any audio file libsndfile knows (wav, flac, ogg, mp3...) as 16 kHz mono float32 for speech models."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop_app.audio.resample import resample
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr

SPEECH_RATE = 16_000
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".aiff", ".aif", ".au")
_BLOCK_FRAMES = 1 << 20  # read about a million frames at a time, so cancel is quick on hour-long files


@dataclass(frozen=True)
class AudioClip:
    samples: np.ndarray  # float32 mono at `rate`
    rate: int
    source: str = ""
    file_duration_s: float = 0.0  # the whole file's length, when only a stretch of it was read

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


def load_audio(
    path: str | Path,
    ctx: JobContext | None = None,
    rate: int = SPEECH_RATE,
    start_s: float = 0.0,
    duration_s: float | None = None,
) -> AudioClip:
    """The file, or the stretch of `duration_s` from `start_s` (seeked to, not decoded from the start)."""
    import soundfile

    path = Path(path).expanduser()
    check_readable(path)
    ctx = ctx or JobContext()
    try:
        with soundfile.SoundFile(os.fsencode(path)) as audio:  # a name that is not UTF-8 stays as it is
            file_duration_s = audio.frames / audio.samplerate if audio.samplerate else 0.0
            first = min(audio.frames, round(start_s * audio.samplerate))
            wanted = (
                audio.frames - first
                if duration_s is None
                else min(audio.frames - first, round(duration_s * audio.samplerate))
            )
            if first:
                audio.seek(first)
            total = max(wanted, 1)
            pieces = []
            read = 0
            for block in audio.blocks(blocksize=_BLOCK_FRAMES, frames=wanted, dtype="float32", always_2d=True):
                pieces.append(block.mean(axis=1, dtype=np.float32))  # mono first: halves what is kept
                read += len(block)
                ctx.check_cancelled()
                ctx.progress(arg(tr("Reading %1"), path.name), min(read / total, 1.0))
            source_rate = audio.samplerate
    except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
        raise InvalidRequestError(
            arg(tr("%1 is not an audio file that can be read."), path.name),
            hint=tr("Open a WAV, FLAC, OGG or MP3 file."),
            detail=str(exc),
        ) from exc
    samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
    if not np.all(np.isfinite(samples)):
        raise InvalidRequestError(arg(tr("%1 holds invalid audio samples (NaN or infinite)."), path.name))
    return AudioClip(resample(samples, source_rate, rate), rate, str(path), file_duration_s)


def check_readable(path: Path) -> None:
    if not path.exists():
        raise InvalidRequestError(arg(tr("The file %1 does not exist."), path))
    if path.is_dir():
        raise InvalidRequestError(arg(tr("%1 is a folder, not an audio file."), path))
    if not path.is_file():  # a pipe or a device would block or never end
        raise InvalidRequestError(arg(tr("%1 is not a regular file."), path.name), hint=tr("Open an audio file."))
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InvalidRequestError(arg(tr("%1 cannot be read: %2."), path.name, exc.strerror or exc)) from exc
    if size == 0:
        raise InvalidRequestError(
            arg(tr("%1 is empty (0 bytes)."), path.name), hint=tr("The recording or copy may have failed.")
        )
