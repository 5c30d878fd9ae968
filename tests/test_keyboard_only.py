"""One job in each panel with the keyboard alone, offscreen and again in a real X window under Xvfb:
Ctrl+1…6 to the panel, Tab to the input (a text box passes Tab on), typing, Ctrl+Enter to run, Ctrl+O and
the file dialog's own keys for files. Every key goes to the widget that has the focus, as a person's would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from tests.fakes import FakeRunner
from tests.gui_helpers import running_app, sample_media

CTRL = Qt.KeyboardModifier.ControlModifier


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard"
    if text:
        QTest.keyClicks(target, text)
    else:
        QTest.keyClick(target, key, modifier)


def tab_to(widget: QWidget, limit: int = 80) -> int:
    """Tab until `widget` has the focus; how many presses it took."""
    for presses in range(limit):
        if QApplication.focusWidget() is widget:
            return presses
        press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {type(widget).__name__}; it stopped at {QApplication.focusWidget()}")


def answer_file_dialog(path: Path) -> None:
    """Once the file dialog is up: its file name typed, then Enter."""

    def type_path() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(100, type_path)
            return
        press(Qt.Key.Key_A, text=str(path))
        press(Qt.Key.Key_Return)

    QTimer.singleShot(200, type_path)


def test_one_job_in_every_panel_with_the_keyboard_alone(qtbot, tmp_path):
    picture, clip = sample_media(tmp_path)
    with running_app(qtbot, FakeRunner) as app:
        finished: list[str] = []
        app.worker.job_finished.connect(lambda event: finished.append(str(event.request.task)))
        window = app.window

        def focus_window() -> None:  # a desktop gives the window the keyboard back; offscreen must be asked
            window.activateWindow()
            window.windowHandle().requestActivate()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)

        focus_window()
        panels = app.panels

        def run_with(keys: str, editor: QWidget, text: str, task: str) -> None:
            press(getattr(Qt.Key, f"Key_{keys}"), CTRL)
            tab_to(editor)
            press(Qt.Key.Key_A, text=text)
            press(Qt.Key.Key_Return, CTRL)
            qtbot.waitUntil(lambda: task in finished, timeout=10_000)

        run_with("1", panels.chat.prompt, "What is the capital of France?", "generate")
        run_with("2", panels.translate.source, "The white horse sings.", "translate")
        run_with("5", panels.attention.text, "The quick brown fox", "attention")
        run_with("6", panels.fusion.prompt.text, "What is in the picture?", "fuse")

        press(Qt.Key.Key_3, CTRL)
        answer_file_dialog(picture)
        press(Qt.Key.Key_O, CTRL)
        qtbot.waitUntil(lambda: "caption" in finished, timeout=10_000)

        focus_window()
        press(Qt.Key.Key_4, CTRL)
        answer_file_dialog(clip)
        press(Qt.Key.Key_O, CTRL)
        qtbot.waitUntil(lambda: "transcribe" in finished, timeout=10_000)

        assert {"generate", "translate", "attention", "fuse", "caption", "transcribe"} <= set(finished)


@pytest.mark.xvfb
@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (CI starts Xvfb)")
def test_the_same_on_a_real_x_display():
    """The test above again, in a real X window (xcb on Xvfb): focus and activation as X gives them."""
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    test = f"{Path(__file__)}::test_one_job_in_every_panel_with_the_keyboard_alone"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", test],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
