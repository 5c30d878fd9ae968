"""Inputs for the batch tests and bench: pictures the tiny captioner knows, spoken numbers from espeak-ng, and a
Ray head node started as a cluster of its own (joined by address, as a real cluster is)."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
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
        temp_dir = self.temp_dir = tempfile.mkdtemp(prefix="ray-", dir="/tmp")  # short: socket paths fit 107 bytes
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        # Token authentication, as Ray's own local clusters use, with a token of its own: `ray start` turns it on
        # only when ~/.ray/auth_token already exists, which would make the test depend on what ran before it.
        self.auth = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
        self.env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", **self.auth}
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
        """This cluster only: `ray stop` would stop every Ray on the machine, someone else's too. Its processes
        (GCS, raylet, log monitor…) name its folder on their command lines, and their children (the raylet's
        agents and workers, which rename themselves "ray::…") go with them."""
        own = _with_children([pid for pid in _pids() if self.temp_dir in _command_line(pid)])
        for pid in own:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in own):
            time.sleep(0.2)
        for pid in own:
            _signal(pid, signal.SIGKILL)
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def _pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _with_children(pids: list[int]) -> list[int]:
    parents = {pid: _parent(pid) for pid in _pids()}
    found = set(pids)
    while grown := {pid for pid, parent in parents.items() if parent in found} - found:
        found |= grown
    return sorted(found)


def _parent(pid: int) -> int:
    try:  # /proc/PID/stat: "pid (name) state ppid …", and the name may hold spaces and parentheses
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _signal(pid: int, number: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # gone already, or not ours
        os.kill(pid, number)
