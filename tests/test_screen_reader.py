"""The running app as a screen reader meets it: a real X window (Xvfb), on a real AT-SPI bus (at-spi2-core on
a private D-Bus session), read through pyatspi as Orca reads it. Every control it shows has a name, a list
has its label, and the end of a job is announced."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"  # python3-pyatspi installs pyatspi for the system's Python, not the venv's


def _pyatspi_ready() -> bool:
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
    return found.returncode == 0


@pytest.mark.skipif(
    not os.environ.get("DISPLAY") or not shutil.which("dbus-run-session") or not _pyatspi_ready(),
    reason="needs an X display, dbus-run-session and python3-pyatspi (CI has them)",
)
def test_a_screen_reader_finds_named_controls_and_hears_the_job_end(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        DESKTOP_APP_HOME=str(tmp_path),
        HF_HUB_OFFLINE="1",
    )
    app = f"{sys.executable} {HERE / 'screen_reader_app.py'}"
    reader = f"{SYSTEM_PYTHON} {HERE / 'screen_reader.py'} desktop-app-a11y-test 20 'Done: Translation'"
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", f"{app} & app=$!; {reader}; status=$?; kill $app; wait; exit $status"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stdout[-2000:] + done.stderr[-2000:]
    seen = json.loads(lines[-1])
    controls = seen["controls"]
    unnamed = [c for c in controls if not c["name"] or (c["role"] == "combo box" and not c["labelled"])]
    assert not unnamed, unnamed
    names = {c["name"] for c in controls}
    assert {"Chat", "Translate", "Caption", "Speech", "Attention", "Fusion"} <= names  # the tabs
    assert {"Source text", "Swap languages", "From", "To"} <= names  # the Translate panel, shown
    assert "Done: Translation" in seen["announcements"]
    assert [said for said in seen["announcements"] if said.startswith("Done:")] == ["Done: Translation"], "only it"
