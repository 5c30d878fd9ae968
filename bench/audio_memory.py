"""Peak memory of transcribing a long recording against a short one, in the same run.

Two 44.1 kHz stereo WAV files with the same pattern, a spoken sentence (espeak-ng) every 10 minutes over
quiet room noise: 2 minutes (one sentence) and 2 hours (twelve). Each is transcribed by the real command line
(`desktop-app transcribe`, Whisper tiny.en, voice activity on), in its own process, and the process's peak
resident memory is read from the kernel (wait4). Printed: both peaks and their ratio. Goal: under 1.5x
(the whole 2-hour file decoded would be about 1.3 GB of float samples, the 2-minute one 21 MB).

    .venv/bin/python bench/audio_memory.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
RATE = 44_100
SENTENCE = "Please open the window and let the fresh air in."


def _sentence(folder: Path) -> np.ndarray:
    import soundfile

    path = folder / "sentence.wav"
    subprocess.run(["espeak-ng", "-v", "en", "-s", "140", "-w", str(path), SENTENCE], check=True)
    samples, rate = soundfile.read(path, dtype="float32")
    from desktop_app.audio.resample import resample

    return resample(samples, rate, RATE)


def write_recording(path: Path, minutes: int, sentence: np.ndarray) -> Path:
    """`minutes` of stereo room noise with the sentence at the start of every 10 minutes, written in pieces."""
    import soundfile

    rng = np.random.default_rng(0)
    with soundfile.SoundFile(path, "w", RATE, 2, subtype="PCM_16") as out:
        for minute in range(minutes):
            block = rng.normal(0, 10 ** (-60 / 20), (RATE * 60, 2)).astype(np.float32)
            if minute % 10 == 0:
                block[RATE : RATE + len(sentence)] += sentence[:, None] * 0.5
            out.write(block)
    return path


def peak_of_transcription(path: Path, home: Path) -> tuple[int, str]:
    """(peak resident bytes, transcript) of one `desktop-app transcribe` process."""
    env = {**os.environ, "DESKTOP_APP_DATA_DIR": str(home / "data"), "DESKTOP_APP_CONFIG_DIR": str(home / "config")}
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        os.dup2(write, 1)
        os.execve(sys.executable, [sys.executable, "-m", "desktop_app", "transcribe", str(path), "--no-history"], env)
    os.close(write)
    with os.fdopen(read) as pipe:
        text = pipe.read()
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"transcribing {path} failed")
    return usage.ru_maxrss * 1024, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, default=None, help="write the recordings here and keep them")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="audio-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    sentence = _sentence(folder)
    short = write_recording(folder / "two-minutes.wav", 2, sentence)
    long = write_recording(folder / "two-hours.wav", 120, sentence)
    home = Path(tempfile.mkdtemp(prefix="audio-memory-home-"))
    short_peak, short_text = peak_of_transcription(short, home)
    long_peak, long_text = peak_of_transcription(long, home)
    print(
        f"2-minute file ({short.stat().st_size / 1e6:.0f} MB): peak {short_peak / 1e6:.0f} MB, "
        f"{short_text.count('window')} sentence(s) heard"
    )
    print(
        f"2-hour file ({long.stat().st_size / 1e6:.0f} MB): peak {long_peak / 1e6:.0f} MB, "
        f"{long_text.count('window')} sentence(s) heard"
    )
    from bench.common import final_line

    ratio = long_peak / short_peak
    print(f"ratio 2 h / 2 min: {ratio:.2f}x (goal: under 1.5x)")
    final_line(
        "audio_memory",
        "2 h peak < 1.5x 2 min peak",
        ratio < 1.5,
        short_peak_mb=round(short_peak / 1e6),
        long_peak_mb=round(long_peak / 1e6),
        long_over_short=round(ratio, 2),
    )
    if args.keep is None:
        for item in (short, long, folder / "sentence.wav"):
            item.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
