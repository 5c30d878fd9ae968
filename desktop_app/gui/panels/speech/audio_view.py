"""The Speech panel's audio in one place and at one height, with three faces: a hint before anything happens;
the input level, the elapsed time and the last seconds while recording; the file's waveform while and after
it is transcribed. Nothing shows blank and unlabelled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.gui.panels.speech.audio_monitor import LevelMeter, WaveformView
from desktop_app.gui.panels.speech.file_waveform import FileWaveform
from desktop_app.gui.widgets.layout import hbox, vbox

IDLE_HINT = QT_TR_NOOP("Drop an audio file here, open one (Ctrl+O), or record (Ctrl+R).")


class AudioView(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel(tr(IDLE_HINT))
        self.hint.setObjectName("emptyState")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.elapsed = QLabel("0:00.0")
        self.elapsed.setAccessibleName(tr("Recording time"))
        self.meter = LevelMeter()
        self.waveform = WaveformView()
        level_label, wave_label = QLabel(tr("Input level")), QLabel(tr("Last 10 s"))
        level_label.setBuddy(self.meter)
        wave_label.setBuddy(self.waveform)
        self.recording = QWidget()
        self.recording.setLayout(
            vbox(
                hbox(QLabel(tr("Recording")), self.elapsed, level_label, (self.meter, 1)),
                hbox(wave_label, (self.waveform, 1)),
            )
        )
        self.file = FileWaveform()
        for page in (self.hint, self.recording, self.file):
            self.addWidget(page)

    def show_hint(self, text: str = "") -> None:
        self.hint.setText(text or tr(IDLE_HINT))
        self.setCurrentWidget(self.hint)

    def show_recording(self) -> None:
        self.waveform.clear()
        self.meter.set_level(0.0)
        self.elapsed.setText("0:00.0")
        self.setCurrentWidget(self.recording)

    def show_file(self) -> None:
        """A file about to be read: its waveform fills in as the transcription's first pass reads it."""
        self.file.clear()
        self.setCurrentWidget(self.file)

    def set_elapsed(self, seconds: float) -> None:
        minutes, secs = divmod(seconds, 60)
        self.elapsed.setText(f"{int(minutes)}:{secs:04.1f}")
