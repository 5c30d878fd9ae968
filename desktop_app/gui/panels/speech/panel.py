"""Speech: record (with live text) or open audio files, get a timed transcript, play segments, export it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop_app.audio.decoding import AUDIO_SUFFIXES
from desktop_app.audio.recorder import AudioDeviceError
from desktop_app.core.errors import AppError
from desktop_app.core.events import JobCancelled, JobFailed, JobFinished, JobPartial
from desktop_app.core.i18n import arg, number, tr
from desktop_app.core.requests import AttentionRequest, TranscriptionRequest
from desktop_app.core.results import AudioOverview, ModelInfo, TranscriptionResult, TranscriptSegment
from desktop_app.core.tasks import Task, status_words
from desktop_app.core.transcript_formats import FORMATS, render
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.panels.speech.audio_view import AudioView
from desktop_app.gui.panels.speech.live_transcription import LiveTranscription
from desktop_app.gui.panels.speech.microphone_picker import MicrophonePicker
from desktop_app.gui.panels.speech.options import SpeechOptions
from desktop_app.gui.panels.speech.recording_controller import RecordingController
from desktop_app.gui.panels.speech.transcript_view import TranscriptView
from desktop_app.gui.resources import set_icon
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.elided_label import ElidedLabel
from desktop_app.gui.widgets.layout import button, hbox, menu_button, vbox
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.history import HistoryEntry
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker

AUDIO_PATTERNS = " ".join(f"*{s}" for s in AUDIO_SUFFIXES)


class SpeechPanel(QWidget, JobPanel):
    cancel_button: QPushButton
    history_tasks = (Task.TRANSCRIBE,)
    translate_requested = Signal(object)  # TranscriptionResult: the user asked for it in the Translate panel
    inspect_requested = Signal(object)  # AttentionRequest: where the words listened, in the Attention panel

    def __init__(
        self,
        worker: InferenceWorker,
        settings: AppSettings,
        model_picker: ModelPicker,
        recordings_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.init_job(worker)
        self.settings = settings
        self.model_picker = model_picker
        self.recordings_dir = recordings_dir
        self.recording = RecordingController(self)
        self.options = SpeechOptions(model_picker, settings)
        self.live = LiveTranscription(worker, self.options.request_options, self)
        self.result: TranscriptionResult | None = None
        self.audio_path = ""
        self._queue: list[str] = []  # files dropped together wait their turn
        self._build()
        self.options.restore()
        self._connect()
        self.microphone.refresh(wanted=settings.get(Keys.speech_device))
        self.update_state()

    # ---- layout -------------------------------------------------------------------------------------------
    def primary_button(self) -> QPushButton:
        return self.transcribe_button

    def _build(self) -> None:
        self.microphone = MicrophonePicker()
        microphone_label = QLabel(tr("Microphone"))
        microphone_label.setBuddy(self.microphone.combo)
        self.record_button = button(tr("&Record"), tr("Start or stop recording (Ctrl+R)"), self.toggle_recording)
        self.audio_view = AudioView()
        self.file_waveform = self.audio_view.file
        self.open_button = button(
            tr("&Open audio…"),
            tr("Open audio files (Ctrl+O); you can also drop files here"),
            self.open_dialog,
            icon_name="folder-open",
        )
        self.transcribe_button = button(
            tr("&Transcribe"),
            tr("Transcribe the current audio again with these options"),
            self.transcribe_current,
            icon_name="mic",
        )
        self.cancel_button = button(tr("&Cancel"), tr("Stop transcribing (Esc)"), self.cancel, icon_name="x")
        self.batch_button = button(
            tr("Run as &batch job…"),
            tr("Transcribe the opened files, or a whole folder, on Ray: one results file, resumable"),
            self.open_batch_job,
            icon_name="layers",
        )
        self.file_label = ElidedLabel("")
        self.transcript = TranscriptView()
        self.play_button = button(
            tr("&Play segment"),
            tr("Play the selected segment (double-click or Space in the list)"),
            self._on_play_button_clicked,
            icon_name="play",
        )
        self.copy_button = button(tr("Cop&y"), tr("Copy the transcript text"), self.copy_transcript, icon_name="copy")
        self.export_button = menu_button(
            tr("E&xport ▾"), [(f"{fmt.upper()}…", fmt) for fmt in FORMATS], self.export_dialog, icon_name="download"
        )
        self.translate_button = button(
            tr("Tra&nslate ▸"),
            tr("Translate this transcript in the Translate panel (bilingual subtitles)"),
            self._on_translate_button_clicked,
            icon_name="languages",
        )
        self.inspect_button = button(
            tr("&Inspect ▸"),
            tr("See where each word listened in the audio (30 s from the selected segment)"),
            self.inspect_transcript,
            icon_name="scan-search",
        )
        self.stats = QLabel("")

        recorder = vbox(
            hbox(microphone_label, self.microphone, self.record_button, None),
            self.audio_view,
            self.file_label,
        )
        self.lay_out(
            hbox((recorder, 1), self.options),
            hbox(
                self.open_button,
                self.batch_button,
                self.transcribe_button,
                self.cancel_button,
                self.progress,
                (self.status, 1),
                self.stats,
            ),
            (self.transcript, 1),
            hbox(
                self.play_button, self.copy_button, self.export_button, self.translate_button, self.inspect_button, None
            ),
        )

    def _connect(self) -> None:
        self.microphone.devices_changed.connect(self.refresh_controls)
        self.transcript.play_requested.connect(self.play)
        self.transcript.currentCellChanged.connect(self._on_transcript_current_changed)
        self.file_waveform.time_clicked.connect(self.transcript.select_time)
        self.recording.level_changed.connect(self.audio_view.meter.set_level)
        self.recording.waveform_changed.connect(self.audio_view.waveform.set_peaks)
        self.recording.elapsed_changed.connect(self.audio_view.set_elapsed)
        self.recording.live_audio.connect(self.live.feed)
        self.live.segments_ready.connect(self._on_live_segments_ready)
        self.live.failed.connect(self.banner.show_error)
        self.recording.failed.connect(lambda text: self.banner.show_message(text, "error"))
        QShortcut(QKeySequence("Ctrl+R"), self, self.toggle_recording)
        QShortcut(QKeySequence.StandardKey.Open, self, self.open_dialog)

    # ---- the Panel protocol ------------------------------------------------------------------------------
    def save_state(self) -> None:
        self.options.save()
        device = self.microphone.current()
        self.settings.set(Keys.speech_device, device.name if device else "")

    def shutdown(self) -> None:
        if self.recording.is_recording:
            self.stop_recording()  # the WAV file is closed properly; nothing is lost
        super().shutdown()

    # ---- recording -----------------------------------------------------------------------------------------
    def toggle_recording(self) -> None:
        if self.recording.is_recording:
            self.stop_recording()
        else:
            self.start_recording()

    def start_recording(self) -> None:
        device = self.microphone.current()
        if device is None:
            self.banner.show_message(
                tr("No input device was found. Connect a microphone and press ⟳, or open an audio file instead."),
                "warning",
            )
            return
        self.save_state()
        path = self.recordings_dir / time.strftime("recording-%Y%m%d-%H%M%S.wav")
        try:
            self.recording.start(path, device.index, live=self.options.live())
        except AudioDeviceError as error:
            self.banner.show_error(error.to_info())
            return
        self.banner.hide()
        self.audio_path = str(path)
        self.result = None
        self.transcript.set_segments([])
        self.audio_view.show_recording()
        if self.options.live():
            self.live.start()
        self.file_label.setText(arg(tr("Recording to %1"), path))
        self.update_state(tr("Recording…"))

    def stop_recording(self) -> None:
        info, rest = self.recording.stop()
        self.refresh_controls()
        self.live.finish(rest, info.rate)
        if info.frames == 0:
            self.audio_view.show_hint()
            self.banner.show_message(tr("Nothing was recorded: the microphone gave no audio."), "warning")
            return
        note = arg(tr(" (%1 input overflows: some audio was lost)"), info.overflows) if info.overflows else ""
        self.file_label.setText(arg(tr("Recorded %1 s to %2%3"), f"{info.duration_s:.1f}", info.path, note))
        self.transcribe(str(info.path))

    # ---- files -----------------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = self.settings.get(Keys.speech_export_dir) or str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Open audio"), folder, arg(tr("Audio files (%1);;All files (*)"), AUDIO_PATTERNS)
        )
        if paths:
            self.open_files(paths)

    def open_files(self, paths: list[str]) -> None:
        """Transcribe these files one after another (the first at once)."""
        if not paths:
            return
        self._queue.extend(paths)
        if not self.job.running and not self.recording.is_recording:
            self.transcribe(self._queue.pop(0))

    def open_batch_job(self) -> QDialog:
        """The opened files still to do (or, with none, a folder) as a batch job with this panel's options."""
        from desktop_app.gui.dialogs.batch_dialog import open_batch_dialog

        options: dict[str, Any] = dict(self.options.request_options())
        model = str(options.pop("model"))
        paths = list(dict.fromkeys([self.audio_path, *self._queue] if self.audio_path else self._queue))
        return open_batch_dialog(
            self, "transcribe", tr("Transcribe"), paths, model, {**options, "use_vad": self.options.use_vad()}
        )

    def transcribe_current(self) -> None:
        if self.audio_path and not self.job.running and not self.recording.is_recording:
            self.transcribe(self.audio_path)

    def transcribe(self, path: str) -> None:
        self.save_state()
        self.audio_path = path
        self.stats.setText("")
        self.file_label.setText(path)
        self.result = None
        self.audio_view.show_file()
        if not self.live.in_flight:
            self.transcript.set_segments([])
        if not self.submit(
            TranscriptionRequest(path, use_vad=self.options.use_vad(), **self.options.request_options())
        ):
            self._next_in_queue()

    def cancel(self) -> None:
        if self.recording.is_recording:
            self.stop_recording()
        self._queue.clear()
        super().cancel()

    # ---- results -----------------------------------------------------------------------------------------
    def copy_transcript(self) -> None:
        QGuiApplication.clipboard().setText(self.transcript.text())
        self.status.setText(tr("Transcript copied"))

    def export_dialog(self, fmt: str) -> None:
        if self.result is None:
            self.banner.show_message(tr("There is no finished transcript to export yet."), "warning")
            return
        folder = Path(self.settings.get(Keys.speech_export_dir) or Path(self.audio_path).parent)
        suggested = folder / (Path(self.audio_path).stem + f".{fmt}")
        path, _ = QFileDialog.getSaveFileName(
            self, arg(tr("Export %1"), fmt.upper()), str(suggested), f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> bool:
        assert self.result is not None
        exported = self.export_text(path, render(self.result, fmt))
        if exported:
            self.settings.set(Keys.speech_export_dir, str(path.parent))
        return exported

    def _on_translate_button_clicked(self) -> None:
        if self.result is not None:
            self.translate_requested.emit(self.result)

    def inspect_transcript(self) -> None:
        """The 30 s from the selected segment (or the start), transcribed again with its attention kept."""
        if self.result is None or not self.result.segments:
            return
        segment = self.transcript.selected_segment()
        self.inspect_requested.emit(
            AttentionRequest(
                self.result.audio_path,
                source_task="transcribe",
                model=self.result.model.path or self.result.model.ref,
                start_s=segment.start if segment is not None else 0.0,
            )
        )

    def _on_play_button_clicked(self) -> None:
        segment = self.transcript.selected_segment() or (
            self.transcript.segments[0] if self.transcript.segments else None
        )
        if segment is not None:
            self.play(segment.start, segment.end)

    def play(self, start: float, end: float) -> None:
        from desktop_app.audio.playback import play_segment

        try:
            play_segment(self.audio_path, start, end)
        except AppError as error:
            self.banner.show_error(error.to_info())

    def load_entry(self, entry: HistoryEntry) -> None:
        """Reopen a transcript from history, with its audio when the file is still there."""
        outputs = entry.outputs
        segments = tuple(TranscriptSegment(float(a), float(b), str(t)) for a, b, t in outputs.get("segments", []))
        self.audio_path = str(entry.inputs.get("audio_path", ""))
        self.result = TranscriptionResult(
            segments,
            ModelInfo(entry.model_ref, entry.model_source, "", entry.model_revision),
            self.audio_path,
            float(outputs.get("duration_s", 0.0)),
            str(outputs.get("language", "")),
            str(entry.parameters.get("speech_task", "transcribe")),
            dict(entry.timings),
            str(outputs.get("note", "")),
        )
        self.transcript.set_segments(segments)
        self.audio_view.show_hint(
            tr("Transcribe it again to see its waveform.") if Path(self.audio_path).is_file() else ""
        )
        self.options.show_entry(entry.parameters)
        self.file_label.setText(self.audio_path)
        self.stats.setText(_stats_text(self.result))
        missing = "" if Path(self.audio_path).is_file() else tr(" The audio file is no longer there.")
        self.banner.show_message(arg(tr("Reopened from history (%1).%2"), status_words(entry.status), missing), "info")
        self.refresh_controls()

    # ---- job events -----------------------------------------------------------------------------------------
    def on_job_partial(self, event: JobPartial) -> None:
        if self.transcript.shows_live_text():
            self.transcript.set_segments([])  # the final pass replaces the live text as it arrives
        segments = [i for i in event.items if isinstance(i, TranscriptSegment)]
        self.transcript.append_segments(segments)
        self.file_waveform.add_segments(segments)
        overviews = [i for i in event.items if isinstance(i, AudioOverview)]
        if overviews:
            self.file_waveform.show_overview(overviews[-1])

    def _on_live_segments_ready(self, segments: tuple[TranscriptSegment, ...]) -> None:
        if not self.job.running or not self.transcript.segments:  # the final pass's text is not replaced
            self.transcript.append_segments(segments, live=True)

    def on_job_finished(self, event: JobFinished) -> None:
        self.file_waveform.set_done(event.result.duration_s)
        self._show_result(event.result)
        self._next_in_queue(event.result.note or None)

    def on_job_failed(self, event: JobFailed) -> None:
        self._next_in_queue()

    def on_job_cancelled(self, event: JobCancelled) -> None:
        if isinstance(event.partial_result, TranscriptionResult):
            self._show_result(event.partial_result)
        self._next_in_queue()

    def _show_result(self, result: TranscriptionResult) -> None:
        self.result = result
        self.transcript.set_segments(result.segments)
        self.file_waveform.set_segments(result.segments)
        self.stats.setText(_stats_text(result))
        if result.note:
            self.banner.show_message(result.note, "info")

    def _next_in_queue(self, status: str | None = None) -> None:
        self.update_state(status)
        if self._queue and not self.recording.is_recording:
            self.transcribe(self._queue.pop(0))

    def _on_transcript_current_changed(self, *_: int) -> None:
        self.file_waveform.select(self.transcript.selected_segment())

    def refresh_controls(self) -> None:
        recording, running = self.recording.is_recording, self.job.running
        has_device = self.microphone.current() is not None
        self.record_button.setText(tr("S&top") if recording else tr("&Record"))
        set_icon(self.record_button, "circle-stop" if recording else "mic")
        self.record_button.setEnabled(has_device and (recording or not running))
        self.record_button.setToolTip(
            tr("Start or stop recording (Ctrl+R)") if has_device else tr("No microphone was found")
        )
        self.microphone.setEnabled(not recording)
        self.open_button.setEnabled(not recording)
        self.transcribe_button.setEnabled(bool(self.audio_path) and not recording and not running)
        self.cancel_button.setEnabled(running or recording)
        has_text = bool(self.transcript.segments)
        for control in (self.play_button, self.copy_button):
            control.setEnabled(has_text and not recording)
        self.export_button.setEnabled(self.result is not None)
        for control in (self.translate_button, self.inspect_button):
            control.setEnabled(self.result is not None and bool(self.result.segments) and not recording)


def _stats_text(result: TranscriptionResult) -> str:
    count = len(result.segments)
    parts = [arg(tr("%1 s audio"), number(result.duration_s)), tr("%n segment(s)", None, count)]
    if result.language:
        parts.append(arg(tr("language %1"), result.language))
    rtf = result.timings.get("real_time_factor", 0.0)
    if rtf > 0:
        parts.append(arg(tr("%1× real time"), f"{1 / rtf:.1f}"))
    return " · ".join(parts)
