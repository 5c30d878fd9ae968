"""Time from process start to the main window shown: the frozen bundle against the virtualenv, in one run.

Each case starts --runs times as a new process (offscreen, a fresh profile, the window quits itself), after
one run that warms the disk cache; the median is printed with the ratio to the virtualenv's.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bundle_startup.py build/dist/desktop-app/desktop-app
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import final_line
from bench.startup import time_to_window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("frozen", help="the bundle's desktop-app executable")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="bench-bundle-")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        DESKTOP_APP_HOME=home,
        DESKTOP_APP_REPORT_SHOWN="1",
        DESKTOP_APP_QUIT_AFTER_MS="200",
    )
    cases = {
        "virtualenv: python -m desktop_app": [sys.executable, "-m", "desktop_app"],
        "bundle: desktop-app (frozen)": [str(Path(args.frozen).resolve())],
    }
    medians = {}
    for name, command in cases.items():
        time_to_window(command, env)  # warm the disk cache once
        medians[name] = statistics.median(time_to_window(command, env)[0] for _ in range(args.runs))  # the window
    base = medians["virtualenv: python -m desktop_app"]
    print(f"{'case':<40}{'median s':>10}{'vs venv':>9}")
    for name, value in medians.items():
        print(f"{name:<40}{value:>10.3f}{value / base:>8.2f}x")
    bundle = medians["bundle: desktop-app (frozen)"]
    final_line(
        "bundle_startup",
        "",
        None,
        venv_s=round(base, 3),
        bundle_s=round(bundle, 3),
        bundle_over_venv=round(bundle / base, 2),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
