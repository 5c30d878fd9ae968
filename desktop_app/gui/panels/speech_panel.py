"""Speech: record (with live text) or open audio files, get a timed transcript, play segments, export it."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.audio.decoding import AUDIO_SUFFIXES
from desktop_app.audio.recorder import AudioDeviceError
from desktop_app.core.errors import AppError
from desktop_app.core.requests import AttentionRequest, TranscriptionRequest
from desktop_app.core.results import (
    JobCancelled,
    JobFailed,
    JobFinished,
    JobPartial,
    ModelInfo,
    TranscriptionResult,
    TranscriptSegment,
)
from desktop_app.core.transcript_formats import FORMATS, render
from desktop_app.gui.file_drops import accept_file_drag, take_dropped_files
from desktop_app.gui.live_transcription import LiveTranscription
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.recording_controller import RecordingController
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.audio_monitor import LevelMeter, WaveformView
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.gui.widgets.microphone_picker import MicrophonePicker
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.speech_options import SpeechOptions
from desktop_app.gui.widgets.transcript_view import TranscriptView
from desktop_app.store.history import HistoryEntry
from desktop_app.store.output_files import write_text_whole
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker

FILE_FILTER = "Audio files (" + " ".join(f"*{s}" for s in AUDIO_SUFFIXES) + ");;All files (*)"


class SpeechPanel(QWidget):
    transcript_ready = Signal(object)  # TranscriptionResult: for other panels (translate, attention)
    translate_requested = Signal(object)  # TranscriptionResult: the user asked for it in the Translate panel
    inspect_requested = Signal(object)  # AttentionRequest: where the words listened, in the Attention panel

    def __init__(self, worker: InferenceWorker, settings: AppSettings, model_picker: ModelPicker,
                 recordings_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.settings = settings
        self.model_picker = model_picker
        self.recordings_dir = recordings_dir
        self.recording = RecordingController(self)
        self.options = SpeechOptions(model_picker)
        self.live = LiveTranscription(worker, self.options.request_options, self)
        self.result: TranscriptionResult | None = None
        self.audio_path = ""
        self._queue: list[str] = []  # files dropped together wait their turn
        self._build()
        self.job = PanelJob(worker, self.progress, self.status, self)
        self.options.restore(settings)
        self._connect()
        self.microphone.refresh(wanted=settings.get(Keys.speech_device))
        self._set_state()

    # ---- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.setAcceptDrops(True)
        self.banner = MessageBanner()
        self.microphone = MicrophonePicker()
        self.record_button = QPushButton("● Record")
        self.record_button.setToolTip("Start or stop recording (Ctrl+R)")
        self.elapsed = QLabel("0:00.0")
        self.elapsed.setMinimumWidth(60)
        self.meter = LevelMeter()
        self.waveform = WaveformView()
        record_row = QHBoxLayout()
        for widget in (QLabel("Microphone"), self.microphone, self.record_button, self.elapsed):
            record_row.addWidget(widget)
        record_row.addWidget(self.meter, 1)

        self.open_button = QPushButton("Open audio…")
        self.open_button.setToolTip("Open audio files (Ctrl+O); you can also drop files here")
        self.transcribe_button = QPushButton("Transcribe")
        self.transcribe_button.setToolTip("Transcribe the current audio again with these options")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop transcribing (Esc)")
        self.file_label = QLabel("Drop an audio file here, open one, or record.")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.transcript = TranscriptView()
        self.play_button = QPushButton("▶ Play segment")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the transcript text")
        self.export_button = QPushButton("Export ▾")
        menu = QMenu(self.export_button)
        for fmt in FORMATS:
            action = menu.addAction(f"{fmt.upper()}…")
            action.setData(fmt)
        menu.triggered.connect(self._on_export_menu_triggered)
        self.export_button.setMenu(menu)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.status = QLabel("")
        self.stats = QLabel("")
        bottom = QHBoxLayout()
        for control in (self.open_button, self.transcribe_button, self.cancel_button, self.progress):
            bottom.addWidget(control)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.stats)
        result_row = QHBoxLayout()
        self.translate_button = QPushButton("Translate ▸")
        self.translate_button.setToolTip("Translate this transcript in the Translate panel (bilingual subtitles)")
        self.inspect_button = QPushButton("Inspect ▸")
        self.inspect_button.setToolTip("See where each word listened in the audio (30 s from the selected segment)")
        for button in (self.play_button, self.copy_button, self.export_button, self.translate_button,
                       self.inspect_button):
            result_row.addWidget(button)
        result_row.addStretch(1)

        top = QHBoxLayout()
        recorder_box = QVBoxLayout()
        recorder_box.addLayout(record_row)
        recorder_box.addWidget(self.waveform)
        recorder_box.addWidget(self.file_label)
        top.addLayout(recorder_box, 1)
        top.addWidget(self.options)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addWidget(self.transcript, 1)
        layout.addLayout(result_row)

    def _connect(self) -> None:
        self.record_button.clicked.connect(self.toggle_recording)
        self.microphone.devices_changed.connect(self._set_state)
        self.open_button.clicked.connect(self.open_dialog)
        self.transcribe_button.clicked.connect(self.transcribe_current)
        self.cancel_button.clicked.connect(self.cancel)
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.copy_button.clicked.connect(self.copy_transcript)
        self.translate_button.clicked.connect(self._on_translate_button_clicked)
        self.inspect_button.clicked.connect(self.inspect_transcript)
        self.transcript.play_requested.connect(self.play)
        self.recording.level_changed.connect(self.meter.set_level)
        self.recording.waveform_changed.connect(self.waveform.set_peaks)
        self.recording.elapsed_changed.connect(self._on_recording_elapsed_changed)
        self.recording.live_audio.connect(self.live.feed)
        self.live.segments_ready.connect(self._on_live_segments_ready)
        self.live.failed.connect(self.banner.show_error)
        self.recording.failed.connect(lambda text: self.banner.show_message(text, "error"))
        QShortcut(QKeySequence("Ctrl+R"), self, self.toggle_recording)
        QShortcut(QKeySequence.StandardKey.Open, self, self.open_dialog)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)
        self.job.partial.connect(self._on_job_partial)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)

    # ---- options -------------------------------------------------------------------------------------------
    def save_options(self) -> None:
        self.options.save(self.settings)
        device = self.microphone.current()
        self.settings.set(Keys.speech_device, device.name if device else "")

    # ---- recording -----------------------------------------------------------------------------------------
    def toggle_recording(self) -> None:
        if self.recording.is_recording:
            self.stop_recording()
        else:
            self.start_recording()

    def start_recording(self) -> None:
        device = self.microphone.current()
        if device is None:
            self.banner.show_message("No input device was found. Connect a microphone and press ⟳, or open an "
                                     "audio file instead.", "warning")
            return
        self.save_options()
        path = self.recordings_dir / time.strftime("recording-%Y%m%d-%H%M%S.wav")
        try:
            self.recording.start(path, device.index, live=self.options.live_check.isChecked())
        except AudioDeviceError as error:
            self.banner.show_error(error.to_info())
            return
        self.banner.hide()
        self.audio_path = str(path)
        self.result = None
        self.transcript.set_segments([])
        self.waveform.clear()
        if self.options.live_check.isChecked():
            self.live.start()
        self.file_label.setText(f"Recording to {path}")
        self._set_state()

    def stop_recording(self) -> None:
        info, rest = self.recording.stop()
        self._set_state()
        self.live.finish(rest, info.rate)
        if info.frames == 0:
            self.banner.show_message("Nothing was recorded: the microphone gave no audio.", "warning")
            return
        note = f" ({info.overflows} input overflows: some audio was lost)" if info.overflows else ""
        self.file_label.setText(f"Recorded {info.duration_s:.1f} s to {info.path}{note}")
        self.transcribe(str(info.path))

    def _on_recording_elapsed_changed(self, seconds: float) -> None:
        minutes, secs = divmod(seconds, 60)
        self.elapsed.setText(f"{int(minutes)}:{secs:04.1f}")

    # ---- files -----------------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = self.settings.get(Keys.speech_export_dir) or str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, "Open audio", folder, FILE_FILTER)
        if paths:
            self.open_files(paths)

    def open_files(self, paths: list[str]) -> None:
        """Transcribe these files one after another (the first at once)."""
        if not paths:
            return
        self._queue.extend(paths)
        if not self.job.running and not self.recording.is_recording:
            self.transcribe(self._queue.pop(0))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.open_files(take_dropped_files(event))

    def transcribe_current(self) -> None:
        if self.audio_path and not self.job.running and not self.recording.is_recording:
            self.transcribe(self.audio_path)

    def transcribe(self, path: str) -> None:
        self.save_options()
        self.audio_path = path
        self.banner.hide()
        self.stats.setText("")
        self.file_label.setText(path)
        self.result = None
        if not self.live.in_flight:
            self.transcript.set_segments([])
        self.job.submit(TranscriptionRequest(
            path, use_vad=self.options.skip_silence.isChecked(), **self.options.request_options()))
        self._set_state()

    def cancel(self) -> None:
        if self.recording.is_recording:
            self.stop_recording()
        self._queue.clear()
        self.job.cancel()

    # ---- results -----------------------------------------------------------------------------------------
    def copy_transcript(self) -> None:
        QGuiApplication.clipboard().setText(self.transcript.text())
        self.status.setText("Transcript copied")

    def _on_export_menu_triggered(self, action: QAction) -> None:
        self.export_dialog(str(action.data()))

    def export_dialog(self, fmt: str) -> None:
        if self.result is None:
            self.banner.show_message("There is no finished transcript to export yet.", "warning")
            return
        folder = Path(self.settings.get(Keys.speech_export_dir) or Path(self.audio_path).parent)
        suggested = folder / (Path(self.audio_path).stem + f".{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, f"Export {fmt.upper()}", str(suggested),
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> bool:
        assert self.result is not None
        try:
            write_text_whole(path, render(self.result, fmt))
        except AppError as error:
            self.banner.show_message(f"{error.message} {error.hint}", "error")
            return False
        self.settings.set(Keys.speech_export_dir, str(path.parent))
        self.status.setText(f"Exported {path.name}")
        return True

    def _on_translate_button_clicked(self) -> None:
        if self.result is not None:
            self.translate_requested.emit(self.result)

    def inspect_transcript(self) -> None:
        """The 30 s from the selected segment (or the start), transcribed again with its attention kept."""
        if self.result is None or not self.result.segments:
            return
        segment = self.transcript.selected_segment()
        self.inspect_requested.emit(AttentionRequest(
            self.result.audio_path, source_task="transcribe", model=self.result.model.path or self.result.model.ref,
            start_s=segment.start if segment is not None else 0.0))

    def _on_play_button_clicked(self) -> None:
        segment = self.transcript.selected_segment() or (self.transcript.segments[0]
                                                          if self.transcript.segments else None)
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
            segments, ModelInfo(entry.model_ref, entry.model_source, "", entry.model_revision), self.audio_path,
            float(outputs.get("duration_s", 0.0)), str(outputs.get("language", "")),
            str(entry.parameters.get("speech_task", "transcribe")), dict(entry.timings), str(outputs.get("note", "")))
        self.transcript.set_segments(segments)
        self.file_label.setText(self.audio_path)
        self.stats.setText(_stats_text(self.result))
        missing = "" if Path(self.audio_path).is_file() else " The audio file is no longer there."
        self.banner.show_message(f"Reopened from history ({entry.status}).{missing}", "info")
        self._set_state()

    # ---- job events -----------------------------------------------------------------------------------------
    def _on_job_partial(self, event: JobPartial) -> None:
        if self.transcript.shows_live_text():
            self.transcript.set_segments([])  # the final pass replaces the live text as it arrives
        self.transcript.append_segments([i for i in event.items if isinstance(i, TranscriptSegment)])

    def _on_live_segments_ready(self, segments: tuple[TranscriptSegment, ...]) -> None:
        if not self.job.running or not self.transcript.segments:  # the final pass's text is not replaced
            self.transcript.append_segments(segments, live=True)

    def _on_job_finished(self, event: JobFinished) -> None:
        self._show_result(event.result)
        self._next_in_queue("Done" if not event.result.note else event.result.note)

    def _on_job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self._next_in_queue("Failed")

    def _on_job_cancelled(self, event: JobCancelled) -> None:
        if isinstance(event.partial_result, TranscriptionResult):
            self._show_result(event.partial_result)
        self._next_in_queue("Stopped")

    def _show_result(self, result: TranscriptionResult) -> None:
        self.result = result
        self.transcript.set_segments(result.segments)
        self.stats.setText(_stats_text(result))
        if result.note:
            self.banner.show_message(result.note, "info")
        self.transcript_ready.emit(result)

    def _next_in_queue(self, status: str) -> None:
        self._set_state(status)
        if self._queue and not self.recording.is_recording:
            self.transcribe(self._queue.pop(0))

    def _set_state(self, status: str | None = None) -> None:
        recording, running = self.recording.is_recording, self.job.running
        has_device = self.microphone.current() is not None
        self.record_button.setText("■ Stop" if recording else "● Record")
        self.record_button.setEnabled(has_device and (recording or not running))
        self.record_button.setToolTip("Start or stop recording (Ctrl+R)" if has_device else
                                      "No microphone was found")
        self.microphone.setEnabled(not recording)
        self.open_button.setEnabled(not recording)
        self.transcribe_button.setEnabled(bool(self.audio_path) and not recording and not running)
        self.cancel_button.setEnabled(running or recording)
        has_text = bool(self.transcript.segments)
        for button in (self.play_button, self.copy_button):
            button.setEnabled(has_text and not recording)
        self.export_button.setEnabled(self.result is not None)
        for button in (self.translate_button, self.inspect_button):
            button.setEnabled(self.result is not None and bool(self.result.segments) and not recording)
        self.progress.setVisible(running)
        if status is not None:
            self.status.setText(status)
        elif recording:
            self.status.setText("Recording…")

    @property
    def is_running(self) -> bool:
        return self.job.running


def _stats_text(result: TranscriptionResult) -> str:
    count = len(result.segments)
    parts = [f"{result.duration_s:.1f} s audio", f"{count} segment" + ("" if count == 1 else "s")]
    if result.language:
        parts.append(f"language {result.language}")
    rtf = result.timings.get("real_time_factor", 0.0)
    if rtf > 0:
        parts.append(f"{1 / rtf:.1f}× real time")
    return " · ".join(parts)
