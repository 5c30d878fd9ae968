"""A real drag and drop between two X clients (Xvfb), as from a file manager: an image dragged from another
program onto the chat's text box goes to the Caption panel, and the text box keeps its text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

pytestmark = pytest.mark.xvfb
CLIENTS = Path(__file__).resolve().parent / "x_clients.py"


def _ready(process: subprocess.Popen[str]) -> tuple[int, int]:
    assert process.stdout is not None
    line = process.stdout.readline().split()
    assert line and line[0] == "ready", line
    return int(line[1]), int(line[2])


def _xdotool(*args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], check=True, timeout=30)


@pytest.mark.skipif(
    not os.environ.get("DISPLAY") or not shutil.which("xdotool"),
    reason="needs an X display (CI starts Xvfb) and xdotool",
)
def test_an_image_dragged_from_another_program_onto_a_text_box_goes_to_caption(tmp_path: Path):
    image = tmp_path / "dragged.png"
    Image.new("RGB", (48, 48), (20, 160, 90)).save(image)
    env = dict(os.environ, PYTHONPATH=str(CLIENTS.parent.parent))
    app = subprocess.Popen(
        [sys.executable, str(CLIENTS), "app", str(tmp_path / "home")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    source = None
    try:
        target = _ready(app)
        # the source second, so that its window is above the app's (there is no window manager to raise it)
        source = subprocess.Popen(
            [sys.executable, str(CLIENTS), "source", str(image)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        start = _ready(source)
        time.sleep(0.5)
        _xdotool("mousemove", *start)
        _xdotool("mousedown", 1)
        for step in range(1, 13):  # a hand's drag: a dozen moves, over the app's window to its chat box
            _xdotool(
                "mousemove",
                start[0] + (target[0] - start[0]) * step // 12,
                start[1] + (target[1] - start[1]) * step // 12,
            )
            time.sleep(0.08)
        time.sleep(0.3)
        _xdotool("mouseup", 1)
        out, err = app.communicate(timeout=60)
        lines = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
        assert lines.get("caption") == str(image), out + err
        assert lines.get("prompt") == "my words", "the file did not go into the text as file:/// text"
    finally:
        for process in (app, source):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=10)
