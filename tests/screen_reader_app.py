"""The app as tests/test_screen_reader.py starts it: the real window on the X display, the fake runner (no
model), and after a few seconds one job, whose end is announced. Quits by itself."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.app import Application
from desktop_app.store.paths import AppPaths
from tests.fakes import FakeRunner

START_JOB_AFTER_MS = 4_000  # the reader has found the window and listens by then
QUIT_AFTER_MS = 25_000


def main() -> int:
    qt = QApplication(sys.argv)
    qt.setApplicationName("desktop-app-a11y-test")
    app = Application(AppPaths.from_environment(), runner_factory=FakeRunner, preload_models=False)
    app.start()
    app.window.show()
    translate = app.window.show_panel("Translate")
    translate.source.setPlainText("hello world")

    def run() -> None:
        translate.translate_button.click()

    QTimer.singleShot(START_JOB_AFTER_MS, run)
    QTimer.singleShot(QUIT_AFTER_MS, qt.quit)
    qt.aboutToQuit.connect(app.shutdown)
    return int(qt.exec())


if __name__ == "__main__":
    sys.exit(main())
