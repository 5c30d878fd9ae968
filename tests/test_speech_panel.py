"""The Speech panel with a fake runner: drops, queues, export, history, devices, errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import soundfile
from PySide6.QtGui import QGuiApplication

from desktop_app.gui.panels.speech import microphone_picker
from tests.fakes import FakeRunner
from tests.gui_helpers import drop_files, running_app


def _wav(path: Path, seconds: float = 1.0) -> Path:
    soundfile.write(path, np.zeros(int(16_000 * seconds), dtype=np.float32), 16_000)
    return path


def test_dropped_files_are_transcribed_in_turn_and_go_to_history(qtbot, tmp_path: Path):
    files = [_wav(tmp_path / "one.wav"), _wav(tmp_path / "two.flac")]
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Speech")  # a hidden panel's banner reads as empty
        drop_files(panel, files)
        qtbot.waitUntil(lambda: app.history.count() == 2, timeout=10_000)
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert [s.text for s in panel.transcript.segments] == [f"segment {i} of two.flac" for i in range(3)]
        assert panel.export_button.isEnabled() and panel.copy_button.isEnabled()
        assert "3 segments" in panel.stats.text()
        entry = app.history.recent()[0]
        assert entry.task == "transcribe" and entry.inputs["audio_path"] == str(files[1])

        panel.copy_transcript()
        assert QGuiApplication.clipboard().text().splitlines()[0] == "segment 0 of two.flac"

        for fmt in ("txt", "srt", "vtt", "json"):
            assert panel.export_to(tmp_path / f"out.{fmt}", fmt)
        assert (tmp_path / "out.srt").read_text().startswith("1\n00:00:00,000 --> 00:00:01,000\nsegment 0")
        assert (tmp_path / "out.vtt").read_text().startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000")
        assert json.loads((tmp_path / "out.json").read_text())["segments"][2]["text"] == "segment 2 of two.flac"

        app.history_view.entry_opened.emit(app.history.get(entry.id))
        assert next(s.text for s in panel.transcript.segments) == "segment 0 of two.flac"
        assert "Reopened" in panel.banner.text()


def test_a_missing_file_shows_a_message_and_the_panel_keeps_working(qtbot, tmp_path: Path):
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Speech")  # a hidden panel's banner reads as empty
        with qtbot.waitSignal(app.worker.job_failed, timeout=10_000):
            panel.open_files([str(tmp_path / "gone.wav")])
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert "does not exist" in panel.banner.text()
        good = _wav(tmp_path / "good.wav")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.open_files([str(good)])
        qtbot.waitUntil(lambda: len(panel.transcript.segments) == 3, timeout=5_000)


def test_export_failure_is_shown_not_raised(qtbot, tmp_path: Path):
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Speech")  # a hidden panel's banner reads as empty
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.open_files([str(_wav(tmp_path / "a.wav"))])
        qtbot.waitUntil(lambda: panel.result is not None, timeout=5_000)
        assert not panel.export_to(tmp_path / "no" / "such" / "dir" / "a.srt", "srt")
        assert "Could not write" in panel.banner.text()


def test_no_input_device_is_handled(qtbot, monkeypatch):
    monkeypatch.setattr(microphone_picker, "list_input_devices", lambda rescan=False: [])
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Speech")  # a hidden panel's banner reads as empty
        assert panel.microphone.combo.currentText() == "No input device found"
        assert not panel.record_button.isEnabled()
        panel.start_recording()  # e.g. through Ctrl+R
        assert "No input device" in panel.banner.text()
        assert not panel.recording.is_recording


def test_cancel_keeps_the_segments_found_so_far(qtbot, tmp_path: Path):
    runner = FakeRunner(delay_s=0.5)
    with running_app(qtbot, lambda: runner) as app:
        panel = app.window.show_panel("Speech")  # a hidden panel's banner reads as empty
        panel.open_files([str(_wav(tmp_path / "slow.wav"))])
        assert runner.step_reached.wait(10)
        with qtbot.waitSignal(app.worker.job_cancelled, timeout=10_000):
            panel.cancel_button.click()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=5_000)
        assert 1 <= len(panel.transcript.segments) < 3
        assert panel.status.text() == "Stopped"
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=5_000)
        assert app.history.recent()[0].status == "cancelled"
