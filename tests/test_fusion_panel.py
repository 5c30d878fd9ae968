"""The Fusion panel with real models: late fusion of a caption, a transcript and text into SmolLM2's
prompt (then Inspect into the Attention panel), matching and folder search with the tiny CLIP."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.caption_helpers import COLOURS, SHAPES, fresh_examples
from tests.gui_helpers import drop_files, running_app

pytestmark = pytest.mark.slow


def test_late_fusion_in_the_panel_then_inspect_the_image(
    qtbot, smollm2_dir, tiny_captioner_dir, whisper_tiny_dir, shape_images, speech_clips
):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Fusion")
        assert not panel.banner.isVisible()  # late fusion needs no image-text model
        panel.tabs.setCurrentWidget(panel.search)
        assert "No image-text (CLIP or SigLIP) model is installed" in panel.banner.text()  # none by default
        panel.tabs.setCurrentWidget(panel.prompt)
        app.pickers["caption"].select_ref(str(tiny_captioner_dir))
        app.pickers["transcribe"].select_ref(str(whisper_tiny_dir))
        page = panel.prompt
        image, caption = shape_images[3]
        drop_files(panel, [image, speech_clips.human_hello])  # an image and a voice note, dropped together
        assert page.image_path == str(image) and page.audio_path == str(speech_clips.human_hello)
        page.template.setPlainText("{picture}")
        page.run()
        assert "can use {image}, {voice} and {text}" in page.banner.text() and not page.job.running
        page.reset_template.click()
        page.text.setPlainText("Reply in five words.")
        page.run()
        qtbot.waitUntil(lambda: page.result is not None and not page.job.running, timeout=180_000)
        result = page.result
        assert [p.kind for p in result.parts] == ["image", "voice", "text"] and page.parts.rowCount() == 3
        assert page.parts.item(0, 2).text() == caption and "hello" in page.parts.item(1, 2).text().lower()
        assert page.answer.toPlainText() == result.answer and result.answer.strip()
        qtbot.waitUntil(lambda: any(e.task == "fuse" for e in app.history.recent()), timeout=5_000)
        entry = next(e for e in app.history.recent() if e.task == "fuse")
        assert entry.title().startswith("Reply in five words") and entry.outputs["parts"][0]["content"] == caption
        assert page.inspect_button.isEnabled()
        page.inspect_button.click()
        attention = app.panels.attention
        assert app.window.tabs.currentWidget() is attention and attention.mode == "caption"
        assert " ".join(attention.item_picker.itemText(i) for i in range(attention.item_picker.count())) == caption

        page.set_image("")
        page.answer.clear()
        app.history_view.entry_opened.emit(entry)  # reopened from the history list
        assert app.window.tabs.currentWidget() is panel and panel.tabs.currentWidget() is page
        assert page.image_path == str(image) and page.answer.toPlainText() == result.answer
        assert page.parts.rowCount() == 3 and "Reopened" in page.banner.text()


def test_match_and_search_with_the_tiny_clip(qtbot, tiny_clip_dir, tmp_path):
    folder = tmp_path / "shapes"
    folder.mkdir()
    truth = {}
    for i, (picture, label) in enumerate(fresh_examples(24, seed=77)):
        path = folder / f"{i:02d}.png"
        picture.save(path)
        truth[str(path)] = label.removeprefix("a ")
    labels = [f"{colour} {shape}" for colour in COLOURS for shape in SHAPES]
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Fusion")
        app.pickers["embed"].select_ref(str(tiny_clip_dir))
        assert not panel.banner.isVisible() or "image-text" not in panel.banner.text()
        panel.tabs.setCurrentWidget(panel.match)
        match = panel.match
        chosen = sorted(truth)[:6]
        match.set_images(chosen)
        match.texts.setPlainText("\n".join(labels))
        match.run()
        qtbot.waitUntil(lambda: match.result is not None and not match.job.running, timeout=60_000)
        assert match.table.rowCount() == 6 and match.table.columnCount() == 12
        right = sum(labels[int(match.result.probabilities[i].argmax())] == truth[p] for i, p in enumerate(chosen))
        assert right >= 4
        match.table.setCurrentCell(1, 3)  # why this image and this text: in the Attention panel's Explain tab
        match.explain_button.click()
        attention, view = app.panels.attention, app.panels.attention.explain
        assert app.window.tabs.currentWidget() is attention and attention.side.currentWidget() is view
        qtbot.waitUntil(lambda: view.result is not None and not view.job.running, timeout=120_000)
        assert view.result.source_task == "match" and view.result.answer == match.result.prompts[3]
        assert view.result.features[-len(labels[3].split()) :] == tuple(labels[3].split())
        assert not view.drawing.isHidden() and view.picture.pixmap().width() > 0
        app.window.show_panel("Fusion")
        match.texts.setPlainText("")
        match.run()
        assert "at least one text" in match.banner.text()

        panel.tabs.setCurrentWidget(panel.search)
        search = panel.search
        search.set_folder(str(folder))
        search.query.setText("a photo of a green square")
        search.top.setValue(2)
        search.run()
        qtbot.waitUntil(lambda: search.result is not None and not search.job.running, timeout=60_000)
        hits = [search.results.item(i).data(256) for i in range(search.results.count())]
        assert [truth[h] for h in hits] == ["green square", "green square"]
        assert "24 read now" in search.status.text()
        search.run()
        qtbot.waitUntil(lambda: not search.job.running and "0 read now" in search.status.text(), timeout=60_000)
        qtbot.waitUntil(lambda: not search.results.item(0).icon().isNull(), timeout=10_000)  # thumbnails arrive
        entry = next(e for e in app.history.recent() if e.task == "search")
        search.results.clear()
        app.history_view.entry_opened.emit(entry)
        assert search.results.count() == 2 and search.query.text() == "a photo of a green square"
        search.set_folder(str(tmp_path / "nowhere"))
        search.run()
        qtbot.waitUntil(lambda: not search.job.running, timeout=10_000)
        assert "not a folder" in search.banner.text()
        assert Path(hits[0]).exists()
