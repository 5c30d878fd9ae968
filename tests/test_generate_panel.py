"""The Generate panel with a fake runner: streaming, stop, counters, errors, options, history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.requests import GenerationRequest
from desktop_app.store.settings_schema import Keys
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def test_tokens_stream_into_the_output_and_stats_show(qtbot):
    runner = FakeRunner(delay_s=0.02, words=10)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("Say ten words")
        seen_partial: list[str] = []
        app.worker.job_partial.connect(lambda _e: seen_partial.append(panel.output.toPlainText()))
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
            assert not panel.generate_button.isEnabled() and panel.stop_button.isEnabled()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert panel.output.toPlainText() == "".join(f"word{i} " for i in range(10))
        assert len(seen_partial) >= 2 and seen_partial[0] != seen_partial[-1], "text must grow while it streams"
        assert panel.stats.text().startswith("10 tokens · ") and "tok/s" in panel.stats.text()
        assert panel.generate_button.isEnabled() and not panel.stop_button.isEnabled()


def test_the_request_is_a_snapshot_of_every_option(qtbot):
    runner = FakeRunner(words=1)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("Hi")
        panel.system_prompt.setPlainText("Be terse.")
        panel.temperature.setValue(0.0)
        panel.top_p.setValue(0.5)
        panel.top_k.setValue(7)
        panel.max_new_tokens.setValue(33)
        panel.repetition_penalty.setValue(1.3)
        panel.seed.setValue(42)
        panel.use_chat_template.setChecked(False)
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.start_generation()
        request = runner.requests[-1]
        assert (
            request.prompt,
            request.system_prompt,
            request.temperature,
            request.top_p,
            request.top_k,
            request.max_new_tokens,
            request.repetition_penalty,
            request.seed,
            request.use_chat_template,
        ) == ("Hi", "Be terse.", 0.0, 0.5, 7, 33, 1.3, 42, False)
        assert request.model == "smollm2-135m-instruct"
        assert app.settings.get(Keys.gen_top_k) == 7, "options are remembered for next time"


def test_stop_button_and_escape_stop_generation(qtbot):
    runner = FakeRunner(delay_s=0.05, words=1000)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("Go on forever")
        with qtbot.waitSignal(app.worker.job_cancelled, timeout=10_000):
            panel.start_generation()
            qtbot.waitUntil(lambda: "word2" in panel.output.toPlainText(), timeout=10_000)
            qtbot.keyClick(panel.prompt, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert panel.status.text().startswith("Stopped after ")
        assert "word2" in panel.output.toPlainText(), "what was generated stays on screen"
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=5_000)
        assert app.history.recent()[0].status == "cancelled", "and is kept in the history"


def test_ctrl_enter_generates(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("keyboard")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            qtbot.keyClick(panel.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_an_empty_prompt_is_explained_not_sent(qtbot):
    runner = FakeRunner()
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("   ")
        panel.start_generation()
        assert "The prompt is empty" in panel.banner.text()
        assert not any(isinstance(r, GenerationRequest) for r in runner.requests) and not panel.is_running


def test_a_failed_job_shows_the_message_and_hint_and_the_panel_recovers(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("fail this")
        with qtbot.waitSignal(app.worker.job_failed, timeout=10_000):
            panel.start_generation()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert "not installed" in panel.banner.text() and "pip install fake-model" in panel.banner.text()
        assert "Failed" in app.window.job_status.activity.text()
        panel.prompt.setPlainText("now fine")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.start_generation()


def test_finished_jobs_go_to_history_and_reopen(qtbot):
    runner = FakeRunner(words=3)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("Remember me")
        panel.seed.setValue(1234)
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.start_generation()
        qtbot.waitUntil(lambda: app.history_view.list.count() == 1, timeout=5_000)
        panel.prompt.setPlainText("something else")
        panel.output.clear()
        panel.seed.setValue(5)
        app.history_view.list.setCurrentRow(0)
        app.history_view.open_selected()
        assert panel.prompt.toPlainText() == "Remember me"
        assert panel.output.toPlainText() == "word0 word1 word2 "
        assert panel.seed.value() == 1234


def test_copy_puts_the_answer_on_the_clipboard(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.generate
        panel.prompt.setPlainText("copy")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.start_generation()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
        assert QApplication.clipboard().text() == "word0 word1 "
