"""Builds the real Application for tests, with a fake or real runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop_app.app import Application
from desktop_app.store.paths import AppPaths


@contextmanager
def running_app(
    qtbot: Any,
    runner_factory: Callable[[], Any] | None = None,
    preload: bool = False,
    panels_later: bool = False,
    models_process: bool | None = None,
) -> Iterator[Application]:
    """The real runner's models live in a process of their own, as `desktop-app` runs them, unless the test
    changes something in its own process that the models' side must see (`models_process=False`)."""
    app = Application(
        AppPaths.from_environment(),
        runner_factory=runner_factory,
        preload_models=preload,
        panels_later=panels_later,
        models_process=runner_factory is None if models_process is None else models_process,
    )
    qtbot.addWidget(app.window)
    app.start()
    try:
        yield app
    finally:
        app.shutdown()
        assert app.worker._thread is None, "the worker thread was left running"


def drop_files(widget: Any, paths: list[Any]) -> None:
    """A real drag-and-drop as Qt delivers it: enter, then drop, with file URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)


def left_press(x: float, y: float) -> QMouseEvent:
    """A left-button press at (x, y) in a widget, for its mousePressEvent."""
    point = QPointF(x, y)
    return QMouseEvent(
        QMouseEvent.Type.MouseButtonPress,
        point,
        point,
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def every_dialog(app: Application) -> tuple[Callable[[], Any], ...]:
    """Every dialog the window opens, as functions that open one (the accessibility and translation walks)."""
    from desktop_app.gui.dialogs.compression_lab import CompressionLabDialog

    return (
        app.open_model_manager,
        app.open_getting_started,
        app.open_about,
        app.window.show_shortcuts,
        lambda: CompressionLabDialog(app.worker, "generate", "", app.window),
        app.open_tuning_lab,
        app.open_servers,
    )


def sample_media(folder: Path) -> tuple[Path, Path]:
    """A small red picture and a second of tone: something for Caption and Speech to work on."""
    import numpy as np
    import soundfile
    from PIL import Image

    picture, clip = folder / "red.png", folder / "tone.wav"
    Image.new("RGB", (64, 64), (200, 30, 30)).save(picture)
    soundfile.write(clip, (0.3 * np.sin(np.arange(16_000) / 8)).astype(np.float32), 16_000)
    return picture, clip


def run_a_job_in_every_panel(app: Application, qtbot: Any, folder: Path) -> None:
    """A chat answer, a translation, a caption, a transcript, an attention map and a late fusion, with the
    fake runner: the states the panels are in after work (for the walks that check every string and name)."""
    picture, clip = sample_media(folder)
    finished: list[str] = []
    app.worker.job_finished.connect(lambda event: finished.append(str(event.request.task)))
    panels = app.panels
    panels.chat.prompt.setPlainText("What is the capital of France?")
    panels.chat.send()
    panels.translate.source.setPlainText("The white horse sings.")
    panels.translate.translate_button.click()
    panels.caption.add_paths([str(picture)])
    panels.speech.open_files([str(clip)])
    panels.attention.text.setPlainText("The quick brown fox")
    panels.attention.run()
    panels.fusion.prompt.text.setPlainText("What is in the picture?")
    panels.fusion.prompt.run()
    wanted = {"generate", "translate", "caption", "transcribe", "attention", "fuse"}
    qtbot.waitUntil(lambda: wanted <= set(finished), timeout=20_000)
    qtbot.wait(300)  # the last partial results and statistics land
