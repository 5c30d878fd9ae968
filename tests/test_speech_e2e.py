"""End to end with real components: a PulseAudio virtual microphone, espeak-ng and a human recording played
into it with paplay, recorded through the Speech panel, transcribed live and finally by Whisper tiny.en."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import soundfile

from tests.gui_helpers import running_app
from tests.speech_helpers import SENTENCES, word_error_rate

pytestmark = pytest.mark.slow
MAX_WER = 0.25  # see test_transcription_real.py; the microphone path adds PulseAudio resampling only


def _select_virtual_microphone(panel) -> None:
    panel.microphone.refresh(rescan=True)
    combo = panel.microphone.combo
    names = [combo.itemText(i) for i in range(combo.count())]
    # "default" goes to PulseAudio's default source: the null sink's monitor set up by the fixture
    index = next(i for i, name in enumerate(names) if name.startswith("default"))
    combo.setCurrentIndex(index)


def test_record_speech_and_read_it_live_and_final(qtbot, whisper_tiny_dir, speech_clips, virtual_microphone):
    with running_app(qtbot, preload=False) as app:
        panel = app.window.show_panel("Speech")
        _select_virtual_microphone(panel)
        panel.options.live_check.setChecked(True)
        panel.record_button.click()
        assert panel.recording.is_recording, panel.banner.text()
        speaker = threading.Thread(
            target=lambda: [virtual_microphone.play(p) for p in (speech_clips.human_hello, *speech_clips.sentences[:2])]
        )
        speaker.start()
        while speaker.is_alive():
            qtbot.wait(100)
        # live text arrives while the recording is still running
        qtbot.waitUntil(lambda: any("hello" in s.text.lower() for s in panel.transcript.segments), timeout=60_000)
        assert panel.recording.is_recording
        view = panel.audio_view  # the level and the last seconds, labelled, only while recording
        assert view.currentWidget() is view.recording and view.meter.level >= 0.0 and len(view.waveform.peaks) > 0
        qtbot.wait(700)  # a pause after the last words, as a person would leave before pressing Stop
        with qtbot.waitSignal(
            app.worker.job_finished, timeout=120_000, check_params_cb=lambda e: e.request.task == "transcribe"
        ):
            panel.record_button.click()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=10_000)
        assert view.currentWidget() is view.file and view.file.overview is not None  # then the file's waveform
        reference = "Hello world. " + " ".join(SENTENCES[:2])
        assert word_error_rate(reference, panel.transcript.text()) < MAX_WER, panel.transcript.text()
        recording = Path(panel.audio_path)
        assert recording.parent == app.paths.recordings_dir
        info = soundfile.info(recording)
        assert info.samplerate == 16_000 and info.duration > 6
        assert panel.recording.recorder.info().overflows == 0
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=5_000)
        assert app.history.recent()[0].inputs["audio_path"] == str(recording)


def test_recording_written_as_it_goes(qtbot, speech_clips, virtual_microphone):
    """While recording, the WAV on disk is already valid and growing: a crash loses at most ~0.5 s."""
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Speech")
        _select_virtual_microphone(panel)
        panel.options.live_check.setChecked(False)
        panel.start_recording()
        assert panel.recording.is_recording, panel.banner.text()
        virtual_microphone.play(speech_clips.sentences[0])
        qtbot.wait(800)
        while_recording = soundfile.info(panel.audio_path).duration
        assert while_recording > 2.0
        panel.recording.stop()  # stop without transcribing
        assert soundfile.info(panel.audio_path).duration >= while_recording


def test_silent_recording_says_no_speech(qtbot, whisper_tiny_dir, virtual_microphone):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Speech")
        _select_virtual_microphone(panel)
        panel.options.live_check.setChecked(True)
        panel.start_recording()
        qtbot.wait(1500)
        with qtbot.waitSignal(
            app.worker.job_finished, timeout=120_000, check_params_cb=lambda e: e.request.task == "transcribe"
        ):
            panel.stop_recording()
        qtbot.waitUntil(lambda: not panel.is_running, timeout=10_000)
        assert panel.transcript.segments == []
        assert "No speech" in panel.banner.text()


def test_cli_transcribes_to_srt_and_json(whisper_tiny_dir, speech_clips, tmp_path: Path):
    base = [sys.executable, "-m", "desktop_app", "transcribe"]
    done = subprocess.run(
        [*base, str(speech_clips.long_clip), "--format", "srt", "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    srt = (tmp_path / "long.srt").read_text()
    assert srt.startswith("1\n00:00:00,") and " --> " in srt and srt.count("\n\n") >= 10
    done = subprocess.run([*base, str(speech_clips.human_hello), "--json"], capture_output=True, text=True, timeout=300)
    payload = json.loads(done.stdout)
    assert payload["text"].lower().startswith("hello world") and payload["model"] == "whisper-tiny.en"
    assert payload["segments"][0]["start"] < 0.5


def test_cli_bad_input_exits_non_zero(whisper_tiny_dir, tmp_path: Path):
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    zero = tmp_path / "zero.wav"
    zero.write_bytes(b"")
    base = [sys.executable, "-m", "desktop_app", "transcribe"]
    for args, message in (
        ([str(text)], "not an audio file"),
        ([str(zero)], "empty"),
        ([str(text), "--task", "nonsense"], "invalid choice"),
        ([str(zero), "--language", "xx1"], "not a language code"),
    ):
        done = subprocess.run([*base, *args], capture_output=True, text=True, timeout=300)
        assert done.returncode != 0 and message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_a_disk_that_fills_while_recording_keeps_what_reached_it(qtbot, virtual_microphone, app_dirs):
    from tests.disks import fill, tmpfs

    with tmpfs(app_dirs / "data" / "recordings", 512) as disk, running_app(qtbot) as app:
        fill(disk, 300 * 1024)  # room for about 9 s of 16 kHz, 16-bit audio
        panel = app.window.show_panel("Speech")
        _select_virtual_microphone(panel)
        panel.options.live_check.setChecked(False)
        panel.start_recording()
        assert panel.recording.is_recording, panel.banner.text()
        qtbot.waitUntil(lambda: "could not be written any further" in panel.banner.text(), timeout=30_000)
        assert "are saved in" in panel.banner.text()
        qtbot.wait(1000)  # the microphone goes on: the disk stays full
        info, _rest = panel.recording.stop()
        on_disk = soundfile.info(panel.audio_path)
        assert 5.0 < on_disk.duration < info.duration_s, (on_disk.duration, info.duration_s)
        assert on_disk.frames * 2 + 44 <= Path(panel.audio_path).stat().st_size  # every frame it counts is there
