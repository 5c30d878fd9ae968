"""Files dropped anywhere on the window, text boxes included, go where the window sends files; text still
pastes as text; the panel under the drag lights up. (A real drag between two X clients: test_real_drag.py.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def _files(tmp_path: Path) -> tuple[Path, Path]:
    image, audio = tmp_path / "cat.png", tmp_path / "note.wav"
    Image.new("RGB", (32, 32), (200, 40, 40)).save(image)
    soundfile.write(audio, np.zeros(8000, dtype=np.float32), 16_000)
    return image, audio


def _mime(paths: list[Path] | None = None, text: str = "") -> QMimeData:
    mime = QMimeData()
    if paths:
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    if text:
        mime.setText(text)
    return mime


def _enter(widget, mime: QMimeData) -> QDragEnterEvent:
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    return enter


def _drop(widget, mime: QMimeData) -> None:
    assert _enter(widget, mime).isAccepted()
    drop = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)


def test_files_dropped_on_the_chat_box_go_to_caption_and_speech_not_into_the_text(qtbot, tmp_path):
    image, audio = _files(tmp_path)
    with running_app(qtbot, FakeRunner) as app:
        chat = app.window.show_panel("Chat")
        chat.prompt.setPlainText("my message")
        _drop(chat.prompt.viewport(), _mime([image, audio]))
        assert chat.prompt.toPlainText() == "my message", "no file:/// text pasted into the message"
        assert app.panels.caption.table_model.rows[0].path == str(image)
        qtbot.waitUntil(lambda: app.history.count() == 2, timeout=10_000)  # the audio was transcribed too
        assert {e.task for e in app.history.recent()} == {"caption", "transcribe"}


def test_text_dropped_on_a_text_box_is_still_pasted_as_text(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        chat = app.window.show_panel("Chat")
        enter = _enter(chat.prompt.viewport(), _mime(text="dragged words"))
        assert enter.isAccepted(), "the text box takes a drag of text itself"
        assert not app.window.drops.highlight.isVisible(), "and nothing lights up for it"


def test_on_fusion_the_files_fill_its_slots_and_the_template_stays(qtbot, tmp_path):
    image, audio = _files(tmp_path)
    with running_app(qtbot, FakeRunner) as app:
        fusion = app.window.show_panel("Fusion")
        template = fusion.prompt.template.toPlainText()
        _drop(fusion.prompt.template.viewport(), _mime([image, audio]))
        assert fusion.prompt.image_path == str(image) and fusion.prompt.audio_path == str(audio)
        assert fusion.prompt.template.toPlainText() == template, "the template is not corrupted"
        fusion.tabs.setCurrentWidget(fusion.match)
        _drop(fusion.match.texts.viewport(), _mime([image]))
        assert fusion.match.image_paths == [str(image)] and fusion.match.texts.toPlainText() == ""


def test_the_panel_under_a_drag_of_files_lights_up_and_says_what_a_drop_does(qtbot, tmp_path):
    image, _ = _files(tmp_path)
    with running_app(qtbot, FakeRunner) as app:
        chat = app.window.show_panel("Chat")
        highlight = app.window.drops.highlight
        _enter(chat.prompt.viewport(), _mime([image]))
        assert highlight.isVisible() and highlight.parentWidget() is chat and "Caption" in highlight.hint
        assert highlight.geometry() == chat.rect()
        QApplication.sendEvent(chat.prompt.viewport(), QDragLeaveEvent())
        assert not highlight.isVisible()
        fusion = app.window.show_panel("Fusion")
        _enter(fusion.prompt.text.viewport(), _mime([image]))
        assert highlight.parentWidget() is fusion and "{image}" in highlight.hint
