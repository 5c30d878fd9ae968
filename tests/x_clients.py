"""Two X clients for the real drag test (tests/test_real_drag.py), each its own process on the X display:

    python tests/x_clients.py app HOME      the app (fake runner), printing where its chat box is, then what
                                            a drop did: the Caption panel's first image and the chat box's text
    python tests/x_clients.py source FILE   a small window that drags FILE (as a file manager does) when pressed
    python tests/x_clients.py geometry HOME the app's window and the screen it is on, then it quits

Each prints `ready X Y`, the screen point to press or release on, once its window is up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QMimeData, QTimer, QUrl
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel


def say(*words: object) -> None:
    print(*words, flush=True)


def run_app(home: str) -> int:
    os.environ["DESKTOP_APP_HOME"] = home
    from desktop_app.app import Application
    from desktop_app.store.paths import AppPaths
    from tests.fakes import FakeRunner

    qt = QApplication(sys.argv)
    app = Application(AppPaths.from_environment(), runner_factory=FakeRunner, preload_models=False)
    app.start()
    app.window.move(0, 0)
    chat = app.window.show_panel("Chat")
    chat.prompt.setPlainText("my words")

    def report_ready() -> None:
        centre = chat.prompt.viewport().mapToGlobal(chat.prompt.viewport().rect().center())
        say("ready", centre.x(), centre.y())

    def watch() -> None:
        rows = app.panels.caption.table_model.rows
        if rows:
            say("caption", rows[0].path)
            say("prompt", chat.prompt.toPlainText())
            qt.quit()

    QTimer.singleShot(800, report_ready)
    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(100)
    QTimer.singleShot(30_000, qt.quit)
    code = qt.exec()
    app.shutdown()
    return code


class DragSource(QLabel):
    def __init__(self, file: str) -> None:
        super().__init__(f"Drag {Path(file).name}")
        self.file = file
        self.resize(220, 120)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(self.file)])
        drag = QDrag(self)
        drag.setMimeData(mime)
        say("dragging")
        drag.exec()
        say("dropped")


def run_source(file: str) -> int:
    qt = QApplication(sys.argv)
    source = DragSource(file)
    source.move(1000, 650)
    source.show()

    def report_ready() -> None:
        centre = source.mapToGlobal(source.rect().center())
        say("ready", centre.x(), centre.y())

    QTimer.singleShot(500, report_ready)
    QTimer.singleShot(30_000, qt.quit)
    return qt.exec()


def report_geometry(home: str) -> int:
    """The window on this display (with its scale factor): its size and the screen's, then quit."""
    os.environ["DESKTOP_APP_HOME"] = home
    from desktop_app.app import Application
    from desktop_app.store.paths import AppPaths
    from tests.fakes import FakeRunner

    qt = QApplication(sys.argv)
    app = Application(AppPaths.from_environment(), runner_factory=FakeRunner, preload_models=False)
    app.start()

    def report() -> None:
        window, screen = app.window.frameGeometry(), app.window.screen().availableGeometry()
        say("window", window.x(), window.y(), window.width(), window.height())
        say("screen", screen.x(), screen.y(), screen.width(), screen.height())
        say("scale", app.window.devicePixelRatio())
        qt.quit()

    QTimer.singleShot(1500, report)
    code = qt.exec()
    app.shutdown()
    return code


if __name__ == "__main__":
    role, argument = sys.argv[1], sys.argv[2]
    sys.exit({"app": run_app, "source": run_source, "geometry": report_geometry}[role](argument))
