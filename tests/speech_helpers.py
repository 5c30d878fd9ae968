"""Real speech for the tests: espeak-ng sentences, a human recording, a long clip, and a PulseAudio virtual
microphone (a null sink whose monitor is the default source) that `paplay` speaks into."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile

# Owned by Debian asterisk-core-sounds-en-wav itself (the sounds/en link comes from a recommended package), 8 kHz.
HUMAN_HELLO = Path("/usr/share/asterisk/sounds/en_US_f_Allison/hello-world.wav")
SENTENCES = (
    "Please open the window and let the fresh air in.",
    "My favourite colour is green and I like to swim in the lake.",
    "Today we will talk about the weather in the mountains.",
    "Turn left at the next corner and walk to the station.",
)
SINK = "desktop_app_test_mic"
_SPELLING = {"favourite": "favorite", "colour": "color"}


def normalise(text: str) -> list[str]:
    words = re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split()
    return [_SPELLING.get(w, w) for w in words]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance over words, divided by the reference's length."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[-1] / max(len(ref), 1)


def espeak(text: str, path: Path, voice: str = "en", speed: int = 140) -> Path:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (scripts/install-system-deps.sh installs it)")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(path), text], check=True)
    return path


def bench_clip(folder: Path) -> tuple[Path, str]:
    """bench/speech.py's 66 s clip, and its words: the sentences three times over, with longer pauses each
    round, and the human "hello world" after each round."""
    from desktop_app.audio.decoding import load_audio

    order = (SENTENCES[0], SENTENCES[2], SENTENCES[3], SENTENCES[1])
    pieces, texts = [], []
    for round_ in range(3):
        for i, text in enumerate(order):
            wav = espeak(text, folder / f"s{i}.wav")
            pieces += [load_audio(wav).samples, np.zeros(int(16_000 * (0.8 + 0.4 * round_)), np.float32)]
            texts.append(text)
        if HUMAN_HELLO.is_file():
            pieces += [load_audio(HUMAN_HELLO).samples, np.zeros(8_000, np.float32)]
            texts.append("Hello world.")
    clip = folder / "bench.wav"
    soundfile.write(clip, np.concatenate(pieces), 16_000)
    return clip, " ".join(texts)


@dataclass
class SpeechClips:
    folder: Path
    sentences: list[Path]
    human_hello: Path
    long_clip: Path  # 40 s+: the sentences and the human recording, with pauses
    long_text: str
    silence: Path
    spanish: Path

    @staticmethod
    def build(folder: Path) -> SpeechClips:
        if not HUMAN_HELLO.is_file():
            pytest.fail(f"{HUMAN_HELLO} is missing: install asterisk-core-sounds-en-wav")
        sentences = [espeak(text, folder / f"sentence{i}.wav") for i, text in enumerate(SENTENCES)]
        pieces, texts = [], []
        rate = 16_000
        from desktop_app.audio.decoding import load_audio

        for round_ in range(3):
            for path, text in [(HUMAN_HELLO, "Hello world."), *zip(sentences, SENTENCES, strict=False)]:
                pieces += [load_audio(path).samples, np.zeros(int(rate * (0.8 + 0.4 * round_)), np.float32)]
                texts.append(text)
        long_clip = folder / "long.flac"
        soundfile.write(long_clip, np.concatenate(pieces), rate)
        silence = folder / "silence.wav"
        soundfile.write(silence, np.random.default_rng(0).normal(0, 1e-4, rate * 5).astype(np.float32), rate)
        # espeak-ng's Spanish voice is recognised as Spanish by Whisper base (its French voice is not).
        # Words it hears clearly: on "me llamo Ana y vivo en Madrid desde hace diez años" base's translation is
        # "Good bye, see you in the next video." (faster-whisper's too, on the same features).
        spanish = espeak(
            "Buenos días a todos. Hoy hace buen tiempo en Madrid.", folder / "spanish.wav", voice="es", speed=120
        )
        return SpeechClips(folder, sentences, HUMAN_HELLO, long_clip, " ".join(texts), silence, spanish)


class VirtualMicrophone:
    """A PulseAudio null sink as the default source. Started once per test session if not already there."""

    @staticmethod
    def start() -> VirtualMicrophone:
        for tool in ("pulseaudio", "pactl", "paplay"):
            if shutil.which(tool) is None:
                pytest.fail(f"{tool} is not installed (scripts/install-system-deps.sh installs PulseAudio)")
        if subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
            subprocess.run(["pulseaudio", "--start", "--exit-idle-time=-1"], capture_output=True)
            for _ in range(50):
                if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
                    break
                time.sleep(0.1)
            else:
                pytest.fail("PulseAudio did not start")
        sinks = subprocess.run(["pactl", "list", "short", "sinks"], capture_output=True, text=True).stdout
        if SINK not in sinks:
            subprocess.run(
                [
                    "pactl",
                    "load-module",
                    "module-null-sink",
                    f"sink_name={SINK}",
                    f"sink_properties=device.description={SINK}",
                ],
                check=True,
                capture_output=True,
            )
        subprocess.run(["pactl", "set-default-source", f"{SINK}.monitor"], check=True)
        from desktop_app.audio.recorder import list_input_devices

        list_input_devices(rescan=True)  # PortAudio may have been loaded before the sound server was up
        return VirtualMicrophone()

    def play(self, path: Path) -> None:
        """Speak `path` into the microphone; returns when it has been played."""
        subprocess.run(["paplay", f"--device={SINK}", str(path)], check=True, timeout=120)
