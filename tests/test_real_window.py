"""The app as a user starts it: a real X window (Xvfb), a screenshot that shows the panels."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb


@pytest.mark.skipif(
    not os.environ.get("DISPLAY") or not shutil.which("import"),
    reason="needs an X display (CI starts Xvfb) and imagemagick's import",
)
def test_the_window_opens_on_a_real_display(tmp_path: Path, smollm2_dir: Path):
    from PIL import Image

    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DESKTOP_APP_REPORT_SHOWN="1", DESKTOP_APP_QUIT_AFTER_MS="20000")
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_app"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("window-shown"), process.stderr.read() if process.stderr else line
        time.sleep(1.5)  # let it paint
        shot = tmp_path / "window.png"
        subprocess.run(["import", "-window", "root", str(shot)], check=True, timeout=30)
        image = Image.open(shot).convert("RGB")
        colours = image.getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 20, "the screenshot is blank"
        assert process.poll() is None, "the app must still be running"
    finally:
        process.terminate()
        process.wait(timeout=30)
