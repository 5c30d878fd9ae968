"""Every panel, its routes and its history with the fake runner (tests/fakes.py): the panels' own behaviour in
seconds, without a model. The same flows with real models are in the `slow` panel tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile
from PIL import Image

from desktop_app.core import requests
from desktop_app.gui.job_panel import Panel
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def _images(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = [folder / f"{name}.png" for name in names]
    for index, path in enumerate(paths):
        Image.new("RGB", (64, 64), (40 * index, 100, 200)).save(path)
    return paths


def _wait_idle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.is_running, timeout=10_000)


def test_every_panel_has_the_one_shape_and_every_recorded_task_reopens_somewhere(qtbot):
    recorded = {
        cls.task
        for cls in vars(requests).values()
        if isinstance(cls, type) and issubclass(cls, requests.Request) and cls.recorded
    }
    with running_app(qtbot, FakeRunner) as app:
        panels = list(app.panels)
        assert len(panels) == 6 and all(isinstance(panel, Panel) for panel in panels)
        reopened = [task for panel in panels for task in panel.history_tasks]
        assert sorted(reopened) == sorted(recorded), "each recorded task reopens in exactly one panel"
        assert not any(panel.is_running for panel in panels)


def test_caption_then_translate_then_inspect_and_reopen(qtbot, tmp_path):
    red, blue = _images(tmp_path / "photos", "red_circle", "blue_square")
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Caption")
        panel.add_paths([str(red), str(blue), str(tmp_path / "gone.png")])
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=10_000)
        _wait_idle(qtbot, panel)
        rows = {Path(row.path).name: row for row in panel.table_model.rows}
        assert rows["red_circle.png"].caption == "a picture of red_circle"
        assert rows["blue_square.png"].state == "done"
        assert "2 captioned" in panel.stats.text()

        panel.table.selectRow(0)
        panel.translate_button.click()
        translate = app.panels.translate
        assert app.window.tabs.currentWidget() is translate
        assert translate.source.toPlainText() == "a picture of red_circle"
        qtbot.waitUntil(lambda: translate.result is not None and not translate.is_running, timeout=10_000)
        assert translate.target.toPlainText() == "a erutcip fo elcric_der"

        app.window.show_panel("Caption")
        panel.inspect_button.click()
        attention = app.panels.attention
        assert app.window.tabs.currentWidget() is attention and attention.mode == "caption"
        assert attention.item_picker.count() == 4 and attention.export_button.isEnabled()

        entry = next(e for e in app.history.recent() if e.task == "caption")
        panel.clear()
        app.history_view.entry_opened.emit(entry)
        assert app.window.tabs.currentWidget() is panel and len(panel.table_model.rows) == 3


def test_translate_as_you_type_inspect_and_cancel(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Translate")
        panel.source.setPlainText("the red cat\nsleeps now")
        qtbot.waitUntil(lambda: panel.result is not None and not panel.is_running, timeout=10_000)
        assert panel.target.toPlainText() == "eht der tac\nspeels won"
        assert panel.inspect_button.isEnabled()
        panel.inspect_button.click()
        attention = app.panels.attention
        assert app.window.tabs.currentWidget() is attention and attention.mode == "alignment"
        matrix, _ = attention.current_view()
        assert matrix.shape == (3, 3) and np.allclose(np.diag(matrix), 1.0)

        panel.source.setPlainText("")
        panel.translate()
        assert panel.target.toPlainText() == "" and not panel.is_running


def test_attention_on_typed_text_with_its_controls_and_export(qtbot, tmp_path):
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Attention")
        panel.run()
        assert "Type a text" in panel.banner.text() and not panel.is_running
        panel.text.setPlainText("the cat sat on the mat")
        panel.run()
        qtbot.waitUntil(lambda: panel.maps is not None and not panel.is_running, timeout=10_000)
        assert panel.layer.maximum() == 1 and panel.head.maximum() == 1
        assert "6 tokens" in panel.status.text()
        panel.choose_head(0, 1)
        matrix, what = panel.current_view()
        assert matrix.shape == (6, 6) and what == "layer 0, head 1"
        panel.use_rollout.setChecked(True)
        assert panel.current_view()[1] == "rollout over all layers"
        assert panel.export_to(tmp_path / "attention.csv", "csv")
        assert (tmp_path / "attention.csv").read_text().count("\n") >= 6


def test_speech_routes_to_translate_and_to_attention(qtbot, tmp_path):
    clip = tmp_path / "note.wav"
    soundfile.write(clip, np.zeros(16_000, dtype=np.float32), 16_000)
    with running_app(qtbot, FakeRunner) as app:
        speech = app.window.show_panel("Speech")
        speech.open_files([str(clip)])
        qtbot.waitUntil(lambda: speech.result is not None and not speech.is_running, timeout=10_000)
        speech.translate_button.click()
        translate = app.panels.translate
        assert app.window.tabs.currentWidget() is translate
        assert translate.source.toPlainText().splitlines()[0] == "segment 0 of note.wav"
        qtbot.waitUntil(lambda: translate.result is not None and not translate.is_running, timeout=10_000)
        assert translate.srt_button.isEnabled()

        app.window.show_panel("Speech")
        speech.inspect_button.click()
        attention = app.panels.attention
        assert app.window.tabs.currentWidget() is attention
        qtbot.waitUntil(lambda: attention.maps is not None and not attention.is_running, timeout=10_000)
        assert attention.pages.currentWidget() is attention.speech


def test_fusion_pages_match_search_ask_and_inspect(qtbot, tmp_path):
    images = _images(tmp_path / "photos", "red_circle", "blue_square", "green_circle")
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Fusion")
        match = panel.match
        panel.tabs.setCurrentWidget(match)
        match.set_images([str(p) for p in images])
        match.texts.setPlainText("circle\nsquare")
        match.run()
        qtbot.waitUntil(lambda: match.result is not None and not match.is_running, timeout=10_000)
        assert match.table.rowCount() == 3 and match.table.item(1, 1).text().endswith("%")
        assert match.result.probabilities[1].argmax() == 1

        search = panel.search
        panel.tabs.setCurrentWidget(search)
        search.set_folder(str(tmp_path / "photos"))
        search.query.setText("circle")
        search.run()
        qtbot.waitUntil(lambda: search.result is not None and not search.is_running, timeout=10_000)
        assert [Path(hit.path).stem for hit in search.result.hits][:2] == ["green_circle", "red_circle"]
        assert search.results.count() == 3

        prompt = panel.prompt
        panel.tabs.setCurrentWidget(prompt)
        prompt.set_image(str(images[0]))
        prompt.text.setPlainText("What is it?")
        prompt.run()
        qtbot.waitUntil(lambda: prompt.result is not None and not prompt.is_running, timeout=10_000)
        assert prompt.answer.toPlainText() == "word0 word1 word2 word3 word4 "
        assert prompt.parts.rowCount() == 2 and prompt.inspect_button.isEnabled()
        prompt.inspect_button.click()
        assert app.window.tabs.currentWidget() is app.panels.attention and app.panels.attention.mode == "caption"

        qtbot.waitUntil(lambda: app.history.count() == 3, timeout=10_000)
        for entry in app.history.recent():
            app.history_view.entry_opened.emit(entry)
            assert app.window.tabs.currentWidget() is panel and "Reopened" in panel.tabs.currentWidget().banner.text()


def test_files_dropped_on_the_window_go_to_the_panel_that_takes_them(qtbot, tmp_path):
    clip = tmp_path / "voice.wav"
    soundfile.write(clip, np.zeros(8_000, dtype=np.float32), 16_000)
    (image,) = _images(tmp_path / "photos", "cat")
    with running_app(qtbot, FakeRunner) as app:
        app.window.files_dropped.emit([str(clip), str(image)])
        assert app.window.tabs.currentWidget() is app.panels.caption  # the last of the two it routed
        assert app.panels.caption.table_model.rows[0].path == str(image)
        qtbot.waitUntil(lambda: app.history.count() == 2, timeout=10_000)
        assert {e.task for e in app.history.recent()} == {"transcribe", "caption"}
