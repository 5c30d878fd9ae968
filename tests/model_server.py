"""A real `transformers serve` (transformers' own OpenAI-compatible server) on 127.0.0.1, serving the test
models from a Hugging Face cache made of links to their folders, so that /v1/models lists them by Hub id."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

SMOLLM2_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
WHISPER_ID = "openai/whisper-tiny.en"
COMMIT = "0" * 40


def hub_cache(root: Path, models: dict[str, Path]) -> Path:
    """A Hub cache holding each folder under its id, at one commit that `main` points to."""
    for hub_id, folder in models.items():
        repo = root / ("models--" + hub_id.replace("/", "--"))
        snapshot = repo / "snapshots" / COMMIT
        snapshot.mkdir(parents=True, exist_ok=True)
        for file in folder.iterdir():
            if file.is_file() and not (snapshot / file.name).exists():
                (snapshot / file.name).symlink_to(file.resolve())
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text(COMMIT)
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ModelServer:
    """`transformers serve` as its own process: started, waited for, killed."""

    def __init__(self, cache: Path, log: Path, front: str = "", keys: tuple[str, str] = ("", "")) -> None:
        """`front`: what stands before the server (tests/fronted_server.py): "key" asks for `keys` (the full and
        the read-only one), "cut" and "garble" spoil the answer streams; "" is the server alone."""
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.log = log
        env = {**os.environ, "HF_HUB_CACHE": str(cache), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        command = [str(Path(sys.executable).parent / "transformers"), "serve", "--host", "127.0.0.1"]
        if front:
            env["FRONT"] = front
            env["KEYED_SERVER_KEY"], env["KEYED_SERVER_READ_ONLY_KEY"] = keys
            command = [sys.executable, str(Path(__file__).with_name("fronted_server.py")), "--host", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port), "--device", "cpu", "--log-level", "info"],
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self, limit_s: float = 120.0) -> None:
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"transformers serve exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"transformers serve did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """As a crash would: no goodbye to open connections."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)
