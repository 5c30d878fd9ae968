"""Feedback in the window with real models: a file's transcription shows one percentage and its waveform
filling in, the level meter and live waveform only while recording, the Attention panel's colour key and a
cleared input after Inspect, and the Getting started page downloading a missing model from a local Hub."""

from __future__ import annotations

import pytest

from desktop_app.core.tasks import Task
from desktop_app.store.settings_schema import Keys
from tests.gui_helpers import left_press, running_app


def test_a_file_shows_a_percentage_and_its_waveform_while_it_is_transcribed(qtbot, whisper_tiny_dir, speech_clips):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Speech")
        app.pickers[Task.TRANSCRIBE].select_ref(str(whisper_tiny_dir))
        view = panel.audio_view
        assert view.currentWidget() is view.hint and "Drop an audio file" in view.hint.text()
        assert not view.meter.isVisible() and not view.waveform.isVisible()  # only while recording
        assert panel.transcript.empty.isVisible()  # the empty transcript says what will appear there
        statuses: list[str] = []
        app.worker.job_progress.connect(lambda _event: statuses.append(panel.status.text()))
        panel.open_files([str(speech_clips.long_clip)])
        assert view.currentWidget() is view.file
        qtbot.waitUntil(lambda: panel.result is not None and not panel.is_running, timeout=180_000)
        percentages = [int(s.rsplit(" ", 1)[1].rstrip("%")) for s in statuses if s.endswith("%")]
        assert percentages == sorted(percentages) and any(0 < p < 100 for p in percentages), statuses
        assert any(s.startswith("Finding speech") for s in statuses) and any("Transcribing" in s for s in statuses)
        waveform = view.file
        assert waveform.overview is not None and waveform.duration_s == pytest.approx(panel.result.duration_s, abs=1e-3)
        assert waveform.done_s == panel.result.duration_s and len(waveform.segments) == len(panel.result.segments)
        assert not panel.transcript.empty.isVisible()
        # a click on the waveform picks the segment heard there, and the waveform marks the chosen one
        last = panel.result.segments[-1]
        x = waveform.width() * (last.start + last.end) / 2 / waveform.duration_s
        waveform.mousePressEvent(left_press(x, waveform.height() / 2))
        assert panel.transcript.selected_segment() == last and waveform.selected == last


def test_the_attention_key_and_a_cleared_input_after_inspect(qtbot, tiny_captioner_dir, shape_images):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Attention")
        assert panel.legend.isHidden()  # nothing shown, nothing to explain
        panel.text.setPlainText("an old text about something else")
        caption = app.window.show_panel("Caption")
        app.pickers[Task.CAPTION].select_ref(str(tiny_captioner_dir))
        caption.add_paths([str(shape_images[0][0])])
        qtbot.waitUntil(lambda: not caption.is_running and caption.table_model.rows[0].state == "done", timeout=60_000)
        caption.inspect_button.click()
        assert app.window.tabs.currentWidget() is panel and panel.mode == "caption"
        assert panel.text.toPlainText() == ""  # the old text no longer sits above an unrelated view
        assert panel.legend.isVisible()
        grid, _ = panel.current_view()
        assert f"{float(grid.max()):.3g}" in panel.legend.accessibleDescription()
        assert "image" in panel.legend.accessibleDescription()


def test_getting_started_lists_every_task_and_one_click_downloads_a_missing_model(qtbot, hub, tiny_marian_dir):
    hub.add_folder("tests/opus-mt-en-es", tiny_marian_dir)
    with running_app(qtbot) as app:
        app.pickers[Task.TRANSLATE].select_ref("tests/opus-mt-en-es")
        dialog = app.open_getting_started()
        rows = {row.line.panel: row for row in dialog.rows}
        assert list(rows) == ["Chat", "Translate", "Caption", "Speech", "Attention", "Fusion"]
        assert rows["Chat"].state.ready and rows["Chat"].action.text() == "Open Chat"
        translate = rows["Translate"]
        assert translate.state.status == "downloadable" and translate.action.text() == "Download"
        assert dialog.download_all.isVisible()
        translate.action.click()
        assert translate.action.text() == "Cancel" and translate.progress.isVisible()
        qtbot.waitUntil(lambda: translate.state.ready, timeout=60_000)
        assert translate.detail.text().startswith("Ready") and translate.action.text() == "Open Translate"
        assert app.pickers[Task.TRANSLATE].current_ref() == "tests/opus-mt-en-es"
        assert "No translation model" not in app.panels.translate.banner.text()
        rows["Chat"].action.click()  # Open goes to the panel and the page steps aside
        assert app.window.tabs.currentWidget() is app.panels.chat and not dialog.isVisible()


def test_offline_the_page_says_what_to_do_and_it_shows_at_start_until_unticked(qtbot):
    with running_app(qtbot) as app:
        app.show_getting_started_at_start()  # the catalog's caption, translation and image models are not here
        dialog = app.getting_started
        assert dialog is not None and dialog.isVisible()
        fusion = next(row for row in dialog.rows if row.line.panel == "Fusion")
        assert fusion.state.status == "offline" and not fusion.action.isEnabled()
        assert "downloads are off" in fusion.detail.text() and "Model manager" in fusion.detail.text()
        assert not dialog.download_all.isVisible()  # nothing can be fetched offline
        dialog.show_at_start.setChecked(False)
        dialog.close()
        assert app.settings.get(Keys.show_getting_started) is False
        app.show_getting_started_at_start()
        assert not dialog.isVisible()
