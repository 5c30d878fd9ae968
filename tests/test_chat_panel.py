"""The chat with a fake runner: streaming, stop, counters, errors, options, conversations of many turns whose
context reaches the model, regenerate, edit and branch, the context's fill, export, history, completion mode.
(That the turns really reach a real model: tests/test_generation_real.py.)"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from desktop_app.core.requests import GenerationRequest
from desktop_app.gui.widgets.progress import STEPS
from desktop_app.store.settings_schema import Keys
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def _ask(qtbot, app, panel, text: str) -> None:
    panel.prompt.setPlainText(text)
    with qtbot.waitSignal(
        app.worker.job_finished, timeout=10_000, check_params_cb=lambda e: e.request.task == "generate"
    ):
        panel.send()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)


def _texts(panel) -> list[tuple[str, str]]:
    return [(view.message.role, view.message.content) for view in panel.view.views]


def test_tokens_stream_into_the_answer_and_stats_show(qtbot):
    runner = FakeRunner(delay_s=0.02, words=10)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.window.show_panel("Chat")
        assert panel.view.empty.isVisible() and "Start a conversation" in panel.view.empty.text()
        panel.prompt.setPlainText("Say ten words")
        seen: list[str] = []
        bars: list[tuple[int, int, int, int]] = []  # the panel's and the status bar's: maximum, value
        status_bar = app.window.job_status.progress

        def streamed(_event: object) -> None:
            seen.append(panel.output_text)
            bars.append((panel.progress.maximum(), panel.progress.value(), status_bar.maximum(), status_bar.value()))

        app.worker.job_partial.connect(streamed)
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
            assert not panel.send_button.isEnabled() and panel.stop_button.isEnabled()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert panel.output_text == "".join(f"word{i} " for i in range(10))
        assert len(seen) >= 2 and seen[0] != seen[-1], "the answer grows while it streams"
        # While it streams, the bars show the answer's share of its length limit, not a busy animation
        limit = runner.requests[-1].max_new_tokens
        assert bars[-1] == (STEPS, 10 * STEPS // limit, STEPS, 10 * STEPS // limit), bars
        assert all(bar[0] == bar[2] == STEPS and bar[1] > 0 for bar in bars), bars
        assert panel.stats.text().startswith("10 tokens · ") and "tok/s" in panel.stats.text()
        assert panel.send_button.isEnabled() and not panel.stop_button.isEnabled()
        assert _texts(panel)[0] == ("user", "Say ten words") and panel.prompt.toPlainText() == ""
        assert not panel.view.empty.isVisible()


def test_every_turn_reaches_the_model_with_the_ones_before_it(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        _ask(qtbot, app, panel, "My name is Ada.")
        _ask(qtbot, app, panel, "What is my name?")
        asked = [r for r in runner.requests if isinstance(r, GenerationRequest)]
        assert [(t.role, t.content) for t in asked[-1].history] == [
            ("user", "My name is Ada."),
            ("assistant", "word0 word1 "),
        ]
        assert asked[-1].prompt == "What is my name?" and asked[-1].conversation_id == panel.conversation_id
        assert [role for role, _ in _texts(panel)] == ["user", "assistant"] * 2
        qtbot.waitUntil(lambda: panel.token_count.text().endswith("/ 2,048 tokens"), timeout=5_000)
        assert panel.conversation_list.list.count() == 1
        assert panel.conversation_list.list.item(0).text() == "My name is Ada."  # named after its first message


def test_regenerate_and_edit_make_branches_that_are_all_kept(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        _ask(qtbot, app, panel, "First question")
        _ask(qtbot, app, panel, "Second question")
        runner.words = 3
        answer = panel.view.views[-1]
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            answer.change_button.click()  # Regenerate
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        last = panel.view.views[-1]
        assert last.message.content == "word0 word1 word2 " and last.branch_label.text() == "2/2"
        regenerated = [r for r in runner.requests if isinstance(r, GenerationRequest)][-1]
        assert regenerated.prompt == "Second question" and len(regenerated.history) == 2

        last.previous_branch.click()  # back to the first answer
        assert (
            panel.view.views[-1].message.content == "word0 word1 " and panel.view.views[-1].branch_label.text() == "1/2"
        )

        panel.view.views[2].change_button.click()  # Edit "Second question"
        assert panel.prompt.toPlainText() == "Second question" and panel.editing_note.isVisible()
        _ask(qtbot, app, panel, "Second question, edited")
        assert [c for _, c in _texts(panel)][2:] == ["Second question, edited", "word0 word1 word2 "]
        edited = panel.view.views[2]
        assert edited.branch_label.text() == "2/2" and not panel.editing_note.isVisible()
        edited.previous_branch.click()  # the old branch, with its own two answers, is still there
        assert [c for _, c in _texts(panel)][2] == "Second question"
        assert panel.view.views[-1].branch_label.text() == "2/2"


def test_stop_and_escape_keep_what_was_written(qtbot):
    runner = FakeRunner(delay_s=0.05, words=1000)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.prompt.setPlainText("Go on forever")
        with qtbot.waitSignal(app.worker.job_cancelled, timeout=10_000):
            panel.start_generation()
            qtbot.waitUntil(lambda: "word2" in panel.output_text, timeout=10_000)
            qtbot.keyClick(panel.prompt, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert panel.status.text().startswith("Stopped after ")
        assert "word2" in panel.output_text, "what was generated stays on screen"
        assert "stopped" in panel.view.views[-1].details.text()
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=5_000)
        assert app.history.recent()[0].status == "cancelled", "and is kept in the history"


def test_ctrl_enter_sends(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.prompt.setPlainText("keyboard")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            qtbot.keyClick(panel.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_an_empty_message_is_explained_not_sent(qtbot):
    runner = FakeRunner()
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.prompt.setPlainText("   ")
        panel.send()
        assert "The message is empty" in panel.banner.text()
        assert not any(isinstance(r, GenerationRequest) for r in runner.requests) and not panel.is_running
        assert panel.view.views == []


def test_a_failed_answer_shows_the_message_keeps_yours_and_the_panel_recovers(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.prompt.setPlainText("fail this")
        with qtbot.waitSignal(app.worker.job_failed, timeout=10_000):
            panel.send()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert "not installed" in panel.banner.text() and "pip install fake-model" in panel.banner.text()
        assert "Failed" in app.window.job_status.activity.text()
        assert _texts(panel) == [("user", "fail this")], "your message stays; the empty answer goes"
        _ask(qtbot, app, panel, "now fine")
        assert _texts(panel)[-1] == ("assistant", "word0 word1 ")


def test_the_request_is_a_snapshot_of_every_option(qtbot):
    runner = FakeRunner(words=1)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.system_prompt.setPlainText("Be terse.")
        panel.temperature.setValue(0.0)
        panel.top_p.setValue(0.5)
        panel.top_k.setValue(7)
        panel.max_new_tokens.setValue(33)
        panel.repetition_penalty.setValue(1.3)
        panel.seed.setValue(42)
        _ask(qtbot, app, panel, "Hi")
        request = [r for r in runner.requests if isinstance(r, GenerationRequest)][-1]
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
        ) == ("Hi", "Be terse.", 0.0, 0.5, 7, 33, 1.3, 42, True)
        assert request.model == "smollm2-135m-instruct"
        assert app.settings.get(Keys.gen_top_k) == 7, "options are remembered for next time"
        assert not panel.advanced.isVisible() and panel.preset.currentText() == "Custom"
        panel.advanced_toggle.click()
        assert panel.advanced.isVisible()
        panel.preset.setCurrentText("Brief")
        panel.preset.activated.emit(panel.preset.currentIndex())
        assert panel.system_prompt.toPlainText() == "Answer in one or two sentences."


def test_a_reopened_answer_opens_its_conversation_and_never_pins_the_seed(qtbot):
    runner = FakeRunner(words=3)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        _ask(qtbot, app, panel, "Remember me")
        first_seed = [r for r in runner.requests if isinstance(r, GenerationRequest)][-1].seed
        assert f"seed {first_seed}" in panel.view.views[-1].details.text(), "the seed it used is shown with it"
        qtbot.waitUntil(lambda: app.history_view.list.count() == 1, timeout=5_000)
        panel.new_conversation()
        assert panel.view.views == []
        app.history_view.list.setCurrentRow(0)
        app.history_view.open_selected()
        assert _texts(panel) == [("user", "Remember me"), ("assistant", "word0 word1 word2 ")]
        assert panel.seed.value() == panel.seed.minimum(), "the seed stays random"
        _ask(qtbot, app, panel, "again")
        assert [r for r in runner.requests if isinstance(r, GenerationRequest)][-1].seed != first_seed


def test_conversations_are_listed_searched_renamed_exported_and_deleted(qtbot, tmp_path):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        _ask(qtbot, app, panel, "About otters")
        first = panel.conversation_id
        panel.new_conversation()
        _ask(qtbot, app, panel, "About herons")
        herons = panel.conversation_id
        assert [panel.conversation_list.list.item(i).text() for i in range(2)] == ["About herons", "About otters"]
        panel.conversation_list.search.setText("otters")
        assert panel.conversation_list.list.count() == 1
        panel.conversation_list.search.setText("nothing like this")
        assert panel.conversation_list.empty.isVisible() and "match" in panel.conversation_list.empty.text()
        panel.conversation_list.search.clear()
        panel.open_conversation(first)
        assert _texts(panel)[0] == ("user", "About otters")
        panel.rename_conversation(first, "Otters")
        assert panel.export_to(tmp_path / "otters.md", "md") and panel.export_to(tmp_path / "otters.json", "json")
        assert (tmp_path / "otters.md").read_text().startswith("# Otters\n")
        assert json.loads((tmp_path / "otters.json").read_text())["messages"][1]["content"] == "word0 word1 "
        panel.delete_conversation(first)
        assert panel.view.views == [] and panel.conversation_list.list.count() == 1
        panel.conversation_list.list.setCurrentRow(0)  # a click on the one left opens it
        assert panel.conversation_id == herons
    with running_app(qtbot, lambda: runner) as again:  # the open conversation comes back
        assert _texts(again.panels.chat)[0] == ("user", "About herons")


def test_the_context_rule_says_which_turns_the_model_no_longer_reads(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.max_new_tokens.setValue(1000)
        _ask(qtbot, app, panel, " ".join(["long"] * 600))
        _ask(qtbot, app, panel, " ".join(["long"] * 600))
        panel.prompt.setPlainText("short")
        panel.count_tokens()
        qtbot.waitUntil(lambda: panel.view.rule.isVisible(), timeout=5_000)
        assert "2 oldest messages" in panel.view.rule.text()
        assert panel.view.column.indexOf(panel.view.rule) == panel.view.column.indexOf(panel.view.views[2]) - 1


def test_copy_code_blocks_and_markdown(qtbot):
    from desktop_app.gui.panels.chat.markdown import render

    html, blocks = render("Use **this**:\n\n```python\nprint(1 < 2)\n```\n\n<script>alert(1)</script>")
    assert "<strong>this</strong>" in html and blocks == ["print(1 < 2)\n"]
    assert 'href="copy:0"' in html and "&lt;script&gt;" in html and "<script>" not in html
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        _ask(qtbot, app, panel, "copy")
        view = panel.view.views[-1]
        view.copy_button.click()
        assert QApplication.clipboard().text() == "word0 word1 "
        view.text.show_text("```\ncode here\n```", markdown=True)
        assert 'href="copy:0"' in view.text.toHtml()
        view.text.anchorClicked.emit(QUrl("copy:0"))  # what a click on the block's Copy code link sends
        assert QApplication.clipboard().text() == "code here\n"


def test_completion_mode_continues_a_text_for_base_models(qtbot):
    runner = FakeRunner(words=2)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.mode.setCurrentIndex(1)
        assert panel.pages.currentWidget() is panel.completion and panel.send_button.text() == "&Continue"
        panel.completion.setPlainText("Once upon a time ")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.send()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert panel.completion.toPlainText() == "Once upon a time word0 word1 "
        request = [r for r in runner.requests if isinstance(r, GenerationRequest)][-1]
        assert request.use_chat_template is False and request.prompt == "Once upon a time " and request.history == ()
