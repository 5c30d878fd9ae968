"""Play a stretch of an audio file (a transcript segment) on the default output device."""

from __future__ import annotations

import contextlib
from pathlib import Path

from desktop_app.audio.recorder import AudioDeviceError, sounddevice_module
from desktop_app.core.i18n import arg, tr


def play_segment(path: str | Path, start_s: float, end_s: float) -> float:
    """Start playing [start_s, end_s) of `path` and return at once; returns the seconds that will play."""
    import soundfile

    try:
        with soundfile.SoundFile(str(path)) as audio:
            rate = audio.samplerate
            audio.seek(max(0, min(int(start_s * rate), audio.frames)))
            samples = audio.read(max(0, int((end_s - start_s) * rate)), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, OSError) as exc:
        raise AudioDeviceError(arg(tr("Cannot read %1 to play it."), Path(path).name), detail=str(exc)) from exc
    if len(samples) == 0:
        return 0.0
    sd = sounddevice_module()
    try:
        sd.play(samples, rate)
    except Exception as exc:
        raise AudioDeviceError(tr("Cannot play audio: no output device is available."), detail=str(exc)) from exc
    return float(len(samples) / rate)


def stop_playback() -> None:
    with contextlib.suppress(AudioDeviceError):
        sounddevice_module().stop()
