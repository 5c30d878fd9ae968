"""A screen reader's side of tests/test_screen_reader.py, run by the system's Python 3 (pyatspi comes from
Debian's python3-pyatspi, not from PyPI): it finds the app on the AT-SPI bus, walks its tree as Orca would,
listens for announcements, and prints what it found as JSON.

    python3 tests/screen_reader.py APP_NAME SECONDS AWAITED_ANNOUNCEMENT
"""

from __future__ import annotations

import json
import sys
import threading
import time

import pyatspi  # type: ignore[import-not-found]

INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "entry",
    "slider",
    "spin button",
    "page tab",
    "table",
    "list",
}


def find_app(name: str, seconds: float):
    end = time.time() + seconds
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == name:
                return app
        time.sleep(0.5)
    return None


def walk(node, found: list[dict[str, object]], depth: int = 0) -> None:
    if node is None or depth > 60:
        return
    try:
        role, name = node.getRoleName(), node.name or ""
        states = node.getState()
        showing = states.contains(pyatspi.STATE_SHOWING)
        labelled = any(r.getRelationType() == pyatspi.RELATION_LABELLED_BY for r in node.getRelationSet())
    except Exception:
        return
    if role in INTERACTIVE and showing:
        found.append({"role": role, "name": name, "labelled": labelled})
    for index in range(node.childCount):
        walk(node.getChildAtIndex(index), found, depth + 1)


def main() -> int:
    name, seconds, awaited = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    announcements: list[str] = []

    def heard(event) -> None:
        announcements.append(str(event.any_data))

    pyatspi.Registry.registerEventListener(heard, "object:announcement")
    loop = threading.Thread(target=pyatspi.Registry.start, daemon=True)
    loop.start()
    app = find_app(name, seconds)
    if app is None:
        print(json.dumps({"error": f"{name} is not on the accessibility bus"}))
        return 1
    found: list[dict[str, object]] = []
    walk(app, found)
    end = time.time() + seconds
    while time.time() < end and awaited not in announcements:  # not the first "Done": the app's may come first
        time.sleep(0.2)
    pyatspi.Registry.stop()
    print(json.dumps({"controls": found, "announcements": announcements}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
