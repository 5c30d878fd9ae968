"""The Translate panel with the real trained Marian model: as you type, hover alignment, swap, chaining from
a transcript with bilingual subtitles, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from desktop_app.core.results import ModelInfo, TranscriptionResult, TranscriptSegment
from tests.gui_helpers import running_app

pytestmark = pytest.mark.slow


def _panel(app, model_dir: Path):
    panel = app.window.show_panel("Translate")  # a hidden panel's banner reads as empty
    app.pickers["translate"].select_ref(str(model_dir))
    panel.source_lang.setCurrentText("en")
    panel.target_lang.setCurrentText("es")
    return panel


def test_translate_as_you_type_and_hover_shows_the_source_words(qtbot, tiny_marian_dir):
    with running_app(qtbot) as app:
        panel = _panel(app, tiny_marian_dir)
        panel.as_you_type.setChecked(True)
        panel.source.setPlainText("the white horse sings .")  # as if typed: the pause starts the job
        qtbot.waitUntil(
            lambda: panel.target.toPlainText() == "el caballo blanco canta ." and not panel.is_running, timeout=30_000
        )
        assert panel.hover.has_alignment
        found = panel.hover.highlight_at(panel.target.toPlainText().index("blanco") + 1)
        assert found[0][0] == "white"  # the strongest source word of "blanco"
        selections = panel.source.extraSelections()
        assert (
            selections
            and panel.source.toPlainText()[selections[0].cursor.selectionStart() : selections[0].cursor.selectionEnd()]
            == "white"
        )

        panel.copy_translation()
        assert QGuiApplication.clipboard().text() == "el caballo blanco canta ."
        qtbot.waitUntil(lambda: app.history.count() >= 1, timeout=5_000)

        panel.target_lang.setCurrentText("de")
        panel.translate()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=30_000)
        assert "translates en to es only" in panel.banner.text()


def test_a_transcript_goes_to_translate_in_one_click_with_bilingual_subtitles(qtbot, tiny_marian_dir, tmp_path):
    transcript = TranscriptionResult(
        (TranscriptSegment(0.0, 1.5, "the red cat sleeps ."), TranscriptSegment(2.0, 3.5, "the black dog runs .")),
        ModelInfo("whisper-tiny.en", "test", ""),
        "talk.wav",
        4.0,
        "en",
    )
    with running_app(qtbot) as app:
        panel = _panel(app, tiny_marian_dir)
        app.panels.speech._show_result(transcript)  # as when a transcription finishes
        app.panels.speech.update_state()
        assert app.panels.speech.translate_button.isEnabled()
        app.panels.speech.translate_button.click()
        assert app.window.tabs.currentWidget() is panel
        qtbot.waitUntil(lambda: not panel.is_running, timeout=30_000)
        assert panel.result is not None, (panel.banner.text(), panel.status.text())
        assert panel.target.toPlainText() == "el gato rojo duerme .\nel perro negro corre ."
        assert panel.srt_button.isVisible() and panel.srt_button.isEnabled()
        assert panel.export_bilingual_srt(str(tmp_path / "both.srt"))
        srt = (tmp_path / "both.srt").read_text()
        assert "00:00:00,000 --> 00:00:01,500\nthe red cat sleeps .\nel gato rojo duerme ." in srt
        assert "00:00:02,000 --> 00:00:03,500\nthe black dog runs .\nel perro negro corre ." in srt


def test_empty_text_and_swap(qtbot, tiny_marian_dir):
    with running_app(qtbot) as app:
        panel = _panel(app, tiny_marian_dir)
        panel.as_you_type.setChecked(False)
        panel.source.setPlainText("   ")
        panel.translate()
        assert not panel.is_running and panel.target.toPlainText() == ""
        panel.source.setPlainText("the small bird eats .")
        panel.translate()
        qtbot.waitUntil(lambda: panel.result is not None and not panel.is_running, timeout=30_000)
        panel.swap()
        assert (panel.source_lang.currentText(), panel.target_lang.currentText()) == ("es", "en")
        assert panel.source.toPlainText() == "el pájaro pequeño come ."


def test_without_a_translation_model_the_panel_says_how_to_add_one(qtbot):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Translate")
        panel.model_hint.check()
        assert "No translation model is installed" in panel.banner.text()
        assert "nllb" in panel.banner.text().lower() and "Model manager" in panel.banner.text()
