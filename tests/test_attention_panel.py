"""The Attention panel with the real MiniLM: run, move the layer and head, the head grid, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from tests.gui_helpers import left_press, running_app

pytestmark = pytest.mark.slow


def test_look_at_minilm_heads_and_export(qtbot, minilm_dir, tmp_path: Path):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Attention")
        panel.text.setPlainText("The quick brown fox jumps over the lazy dog.")
        panel.run()
        qtbot.waitUntil(lambda: panel.maps is not None and not panel.is_running, timeout=60_000)
        maps = panel.maps
        assert maps.weights.shape[:2] == (6, 12) and panel.layer.maximum() == 5 and panel.head.maximum() == 11
        assert "12 heads" in panel.status.text()

        panel.grid.head_chosen.emit(0, 2)  # a click on layer 0, head 2 in the model view
        panel.choose_head(0, 2)
        matrix, what = panel.current_view()
        assert what == "layer 0, head 2" and np.array_equal(panel.heatmap.matrix, matrix)
        n = len(maps.tokens)
        assert matrix[np.arange(1, n), np.arange(n - 1)].mean() > 0.9  # MiniLM's previous-token head

        panel.heatmap.resize(500, 500)
        assert panel.heatmap.cell_at(QPoint(95, 95)) == (0, 0)
        image = panel.heatmap.grab().toImage()
        colours = {image.pixel(x, y) for x in range(90, 500, 7) for y in range(90, 500, 7)}
        assert image.width() == 500 and len(colours) > 3

        panel.use_rollout.setChecked(True)
        assert panel.current_view()[1] == "rollout over all layers"
        assert np.allclose(panel.heatmap.matrix.sum(axis=1), 1.0, atol=1e-3)
        for fmt in ("png", "csv", "json"):
            assert panel.export_to(tmp_path / f"view.{fmt}", fmt)
        assert (tmp_path / "view.png").stat().st_size > 1000
        rows = list(csv.reader((tmp_path / "view.csv").open()))
        assert rows[0][1:] == list(maps.tokens) and len(rows) == n + 1
        assert json.loads((tmp_path / "view.json").read_text())["view"] == "rollout over all layers"


def test_empty_text_is_refused_with_a_message(qtbot):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Attention")
        panel.run()
        assert not panel.is_running and "Type a text" in panel.banner.text()
        assert not panel.export_button.isEnabled()


def test_overlay_maps_each_patch_to_its_image_region():
    from desktop_app.interpret.overlay import patch_heatmap

    for row, column in ((0, 0), (1, 3), (3, 2)):
        weights = np.zeros(16, np.float32)
        weights[row * 4 + column] = 1.0
        heat = patch_heatmap(weights, (4, 4), (200, 100))  # a wide picture: width 200, height 100
        assert heat.shape == (100, 200)
        ys, xs = np.nonzero(heat > 0.5)
        assert (ys.min(), ys.max()) == (row * 25, row * 25 + 24)
        assert (xs.min(), xs.max()) == (column * 50, column * 50 + 49)


def test_inspect_a_translation_and_a_caption(qtbot, tiny_marian_dir, tiny_captioner_dir, shape_images, tmp_path):
    with running_app(qtbot) as app:
        translate = app.window.show_panel("Translate")
        app.pickers["translate"].select_ref(str(tiny_marian_dir))
        translate.source_lang.setCurrentText("en")
        translate.target_lang.setCurrentText("es")
        translate.as_you_type.setChecked(False)
        translate.source.setPlainText("the white horse sings .")
        translate.translate()
        qtbot.waitUntil(lambda: translate.result is not None and not translate.is_running, timeout=30_000)
        translate.inspect_button.click()
        panel = app.panels.attention
        assert app.window.tabs.currentWidget() is panel and panel.mode == "alignment"
        panel.mean_layers.setChecked(True)
        matrix, _ = panel.current_view()
        rows, columns = panel.heatmap.rows, panel.heatmap.columns
        assert rows == ("el", "caballo", "blanco", "canta", ".") and "white" in columns
        assert columns[int(matrix[rows.index("blanco")].argmax())] == "white"
        assert panel.export_to(tmp_path / "alignment.csv", "csv")
        assert panel.explain.subject is not None and panel.explain.subject.task == "translate"

        caption = app.window.show_panel("Caption")
        app.pickers["caption"].select_ref(str(tiny_captioner_dir))
        caption.add_paths([str(shape_images[0][0])])
        qtbot.waitUntil(lambda: not caption.is_running and caption.table_model.rows[0].state == "done", timeout=30_000)
        caption.inspect_button.click()
        assert app.window.tabs.currentWidget() is panel and panel.mode == "caption"
        assert panel.pages.currentWidget() is panel.overlay and panel.overlay.heat.shape == (96, 96)
        words = [panel.item_picker.itemText(i) for i in range(panel.item_picker.count())]
        assert " ".join(words) == caption.table_model.rows[0].caption
        grid, what = panel.current_view()
        assert grid.shape == (4, 4) and what.startswith("word")
        assert panel.export_to(tmp_path / "overlay.png", "png") and (tmp_path / "overlay.png").stat().st_size > 500

        view = panel.explain  # the caption explained: its regions scored, drawn over the picture
        panel.side.setCurrentWidget(view)
        view.samples.setValue(60)
        view.explain_button.click()
        qtbot.waitUntil(lambda: view.result is not None and not view.job.running, timeout=120_000)
        assert view.result is not None and view.result.source_task == "caption"
        assert view.result.answer == caption.table_model.rows[0].caption
        assert view.table.rowCount() == len(view.result.features) and not view.drawing.isHidden()
        assert view.picture.pixmap().width() > 2 * view.picture.pixmap().height() - 20
        view.drawn_method.setCurrentIndex(view.drawn_method.count() - 1)  # another method, drawn at once
        assert view.drawn_method.currentData() == list(view.result.scores)[-1]


def test_inspect_an_answer_and_a_transcript(qtbot, smollm2_dir, whisper_tiny_dir, speech_clips, tmp_path):
    with running_app(qtbot) as app:
        generate = app.window.show_panel("Chat")
        app.pickers["generate"].select_ref(str(smollm2_dir))
        generate.prompt.setPlainText("What is the capital of France?")
        generate.temperature.setValue(0.0)
        generate.max_new_tokens.setValue(12)
        assert not generate.view.views  # nothing to inspect yet
        generate.start_generation()
        qtbot.waitUntil(lambda: not generate.is_running, timeout=120_000)
        answer = generate.view.views[-1]
        assert answer.message.role == "assistant" and answer.inspect_button.isEnabled()
        answer.inspect_button.click()
        panel = app.panels.attention
        assert app.window.tabs.currentWidget() is panel
        qtbot.waitUntil(lambda: panel.maps is not None and not panel.is_running, timeout=120_000)
        assert panel.maps.generated == generate.output_text  # the user's own answer, read back
        view = panel.attribution
        assert (
            panel.side.currentWidget() is view
            and view.step.count() == len(panel.maps.tokens) - panel.maps.prompt_tokens
        )
        view.step.setCurrentIndex(next(i for i in range(view.step.count()) if "France" in view.step.itemText(i)))
        view.method.setCurrentIndex(view.method.findData("occlusion"))
        scores = view.scores()
        assert panel.maps.tokens[int(scores.argmax())] == "ĠFrance"
        assert "France" in view.text.toPlainText() and view.top_k.rowCount() == 5

        speech = app.window.show_panel("Speech")
        app.pickers["transcribe"].select_ref(str(whisper_tiny_dir))
        speech.open_files([str(speech_clips.human_hello)])
        qtbot.waitUntil(lambda: speech.result is not None and not speech.is_running, timeout=120_000)
        speech.inspect_button.click()
        qtbot.waitUntil(
            lambda: panel.maps is not None and panel.maps.source_task == "transcribe" and not panel.is_running,
            timeout=120_000,
        )
        assert panel.pages.currentWidget() is panel.speech and not panel.use_rollout.isVisible()
        words = panel.speech.words
        assert "hello" in " ".join(words).lower() and panel.speech.matrix.shape == (len(words), len(panel.maps.keys))
        panel.speech.resize(900, 400)
        rows = panel.speech._rows_rect()
        panel.speech.mousePressEvent(left_press(rows.center().x(), rows.bottom() - 2))
        assert panel.item_picker.currentIndex() == len(words) - 1  # a click on the last row picks the last word
        assert panel.export_to(tmp_path / "speech.csv", "csv")
        with (tmp_path / "speech.csv").open() as handle:
            table = list(csv.reader(handle))
        assert table[0][1] == "0.00 s" and len(table) == len(words) + 1
        image = panel.speech.grab().toImage()
        assert image.width() > 300 and image.pixelColor(image.width() // 2, 60) != image.pixelColor(2, 2)

        explain = panel.explain  # the transcript explained: its time segments scored, under the waveform
        assert explain.subject is not None and explain.subject.task == "transcribe"
        panel.side.setCurrentWidget(explain)
        explain.samples.setValue(20)
        explain.explain_button.click()
        qtbot.waitUntil(lambda: explain.result is not None and not explain.job.running, timeout=300_000)
        assert explain.result.layout.kind == "segments" and not explain.drawing.isHidden()
        assert explain.picture.pixmap().width() > 3 * explain.picture.pixmap().height()
