"""Inputs for the batch tests and bench: pictures the tiny captioner knows, spoken numbers from espeak-ng, and a
Ray head node started as a cluster of its own (joined by address, as a real cluster is)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.model_server import free_port

WORDS = ("apple", "river", "garden", "window", "yellow", "morning", "silver", "thunder")


def draw_pictures(folder: Path, count: int, seed: int = 11) -> list[tuple[Path, str]]:
    from tests.caption_helpers import fresh_examples

    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for i, (image, caption) in enumerate(fresh_examples(count, seed=seed)):
        path = folder / f"picture-{i:03d}.png"
        image.save(path)
        saved.append((path, caption))
    return saved


def speak_clips(folder: Path, count: int) -> list[Path]:
    """`count` short sentences, each a different pair of words (espeak-ng, 16 kHz WAV)."""
    from tests.speech_helpers import espeak

    folder.mkdir(parents=True, exist_ok=True)
    return [
        espeak(f"The {WORDS[i % 8]} and the {WORDS[(i // 8 + i + 3) % 8]}.", folder / f"clip-{i:03d}.wav")
        for i in range(count)
    ]


class RayHead:
    """`ray start --head` in a temporary folder of its own: a real one-node cluster that jobs join by address."""

    def __init__(self, cpus: int = 2) -> None:
        temp_dir = tempfile.mkdtemp(prefix="ray-", dir="/tmp")  # short: Ray's socket paths must fit 107 bytes
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
        ray = str(Path(sys.executable).parent / "ray")
        started = time.perf_counter()
        subprocess.run(
            [
                ray,
                "start",
                "--head",
                f"--port={self.port}",
                f"--num-cpus={cpus}",
                "--include-dashboard=false",
                f"--temp-dir={temp_dir}",
                "--disable-usage-stats",
            ],
            check=True,
            capture_output=True,
            env=self.env,
            timeout=120,
        )
        self.start_s = time.perf_counter() - started
        self._ray = ray

    def stop(self) -> None:
        subprocess.run([self._ray, "stop", "--force"], capture_output=True, env=self.env, timeout=120)
