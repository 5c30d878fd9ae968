"""Time from process start to the main window shown, against a bare PySide6 window in the same run.

The goal is within 3x the bare window: torch and transformers must not be imported before the window is up
(the worker imports them right after), and the window shows before its panels are built (the visible tab's
panel follows at once, the others one per turn of the event loop). Both moments are printed. Each case runs
--runs times as a new process; the median is printed with its ratio to the bare-window baseline.

    make bench      (or: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BARE_WINDOW = (
    "import time\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([]); w = QMainWindow(); w.resize(1200, 780); w.show()\n"
    "QTimer.singleShot(0, lambda: (print(f'window-shown {time.time():.6f}', flush=True), app.quit()))\n"
    "app.exec()\n"
)


def time_to_window(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting `command` to the window it reports shown (DESKTOP_APP_REPORT_SHOWN), and to the
    visible tab's panel in it (the app builds its panels after the window is up; the bare window has none)."""
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=REPO)
    moments = {line.split()[0]: float(line.split()[1]) - started for line in done.stdout.splitlines() if " " in line}
    if "window-shown" not in moments:
        raise RuntimeError(f"no window reported: {done.stdout}\n{done.stderr}")
    return moments["window-shown"], moments.get("panel-shown", moments["window-shown"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="bench-startup-")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        DESKTOP_APP_DATA_DIR=f"{home}/data",
        DESKTOP_APP_CONFIG_DIR=f"{home}/config",
        DESKTOP_APP_REPORT_SHOWN="1",
        DESKTOP_APP_QUIT_AFTER_MS="200",
    )
    # An installed app runs from compiled bytecode (pip and the bundle compile it): a shell that forbids writing
    # it would time the compiler instead, on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cases = {
        "bare PySide6 window (baseline)": ["-c", BARE_WINDOW],
        "desktop-app window": ["-m", "desktop_app"],
        "python -c 'import torch, transformers' (reference)": None,
    }
    results: dict[str, float] = {}
    panel_s = 0.0
    for name, case in cases.items():
        if case is None:
            samples = []
            for _ in range(max(1, args.runs // 2)):
                started = time.time()
                subprocess.run(
                    [sys.executable, "-c", "import torch, transformers; transformers.AutoModel"],
                    check=True,
                    capture_output=True,
                    env=env,
                )
                samples.append(time.time() - started)
        else:
            time_to_window([sys.executable, *case], env)  # warm the disk cache once
            runs = [time_to_window([sys.executable, *case], env) for _ in range(args.runs)]
            samples = [window for window, _panel in runs]
            panel_s = statistics.median(panel for _window, panel in runs)
        results[name] = statistics.median(samples)
        if name == "desktop-app window":
            results["desktop-app window with its visible panel"] = panel_s
    base = results["bare PySide6 window (baseline)"]
    print(f"{'case':<52}{'median s':>10}{'vs bare':>9}")
    for name, value in results.items():
        print(f"{name:<52}{value:>10.3f}{value / base:>8.2f}x")
    app = results["desktop-app window"]
    met = "met" if app <= 3 * base else "NOT met"
    print(f"goal: window shown within 3x a bare PySide6 window -> {app / base:.2f}x: {met}")
    sys.path.insert(0, str(REPO))
    from bench.common import final_line

    final_line(
        "startup",
        "window within 3x a bare PySide6 window",
        app <= 3 * base,
        bare_s=round(base, 3),
        app_s=round(app, 3),
        app_over_bare=round(app / base, 2),
        panel_s=round(panel_s, 3),
        panel_over_bare=round(panel_s / base, 2),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
