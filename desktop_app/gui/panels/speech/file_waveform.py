"""A whole audio file at a glance while it is transcribed: its waveform drawn as the first pass reads it, the
part already transcribed in the accent colour with the rest greyed, each segment a band behind the wave, the
selected one stronger. A click picks the segment at that moment."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.core.i18n import arg, tr
from desktop_app.core.results import AudioOverview, TranscriptSegment
from desktop_app.core.transcript_formats import timestamp
from desktop_app.gui.accessibility import announce

STEP_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FileWaveform(QWidget):
    time_clicked = Signal(float)  # seconds into the file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview: AudioOverview | None = None
        self.done_s = 0.0  # transcribed up to here
        self.segments: list[TranscriptSegment] = []
        self.selected: TranscriptSegment | None = None
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAccessibleName(tr("Audio file waveform"))
        self.setToolTip(tr("The whole file: click a moment, or use the arrow keys and Enter, to pick its segment"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:
        return QSize(400, 64)

    @property
    def duration_s(self) -> float:
        return self.overview.duration_s if self.overview is not None else 0.0

    def show_overview(self, overview: AudioOverview) -> None:
        self.overview = overview
        self._describe()
        self.update()

    def set_done(self, seconds: float) -> None:
        self.done_s = seconds
        self._describe()
        self.update()

    def set_segments(self, segments: Sequence[TranscriptSegment]) -> None:
        self.segments = list(segments)
        self.update()

    def add_segments(self, segments: Sequence[TranscriptSegment]) -> None:
        self.segments.extend(segments)
        if segments:
            self.set_done(max(self.done_s, segments[-1].end))

    def select(self, segment: TranscriptSegment | None) -> None:
        self.selected = segment
        self.update()

    def clear(self) -> None:
        self.overview, self.done_s, self.segments, self.selected = None, 0.0, [], None
        self.update()

    def _describe(self) -> None:
        if self.overview is not None and self.duration_s > 0:
            share = min(self.done_s / self.duration_s, 1.0)
            self.setAccessibleDescription(
                arg(tr("%1 long, %2 transcribed"), timestamp(self.duration_s, always_hours=False), f"{share:.0%}")
            )

    def _x(self, seconds: float) -> float:
        return self.width() * seconds / self.duration_s if self.duration_s > 0 else 0.0

    def seconds_at(self, x: float) -> float:
        return min(max(x / max(self.width(), 1), 0.0), 1.0) * self.duration_s

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        mid = self.height() / 2
        if self.overview is None or not self.overview.peaks:
            return
        accent = palette.highlight().color()
        for segment in self.segments:  # bands behind the wave: where the words are
            band = QColor(accent)
            band.setAlpha(110 if segment == self.selected else 40)
            left = self._x(segment.start)
            painter.fillRect(QRectF(left, 0, max(self._x(segment.end) - left, 1.0), self.height()), band)
        columns = _per_pixel(np.asarray(self.overview.peaks, np.float32), max(self.width(), 1))
        read = int(self._x(self.overview.read_s)) + 1
        heights = np.sqrt(np.clip(columns[:read], 0, 1)) * (mid - 2)  # sqrt: quiet speech stays visible
        done = self._x(self.done_s)
        waiting = palette.placeholderText().color()
        for x, height in enumerate(heights):
            painter.setPen(accent if x <= done else waiting)
            painter.drawLine(QPointF(x + 0.5, mid - height), QPointF(x + 0.5, mid + max(height, 0.5)))
        if 0 < self.done_s < self.duration_s:  # where Whisper is
            painter.setPen(palette.text().color())
            painter.drawLine(QPointF(done, 0), QPointF(done, self.height()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.duration_s > 0:
            seconds = self.seconds_at(event.position().x())
            QToolTip.showText(event.globalPosition().toPoint(), timestamp(seconds, always_hours=False), self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left and Right step from segment to segment (each said), Enter picks it, as a click would."""
        if not self.segments or event.key() not in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            super().keyPressEvent(event)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected is not None:
                self.time_clicked.emit(self.selected.start)
            return
        at = self.segments.index(self.selected) if self.selected in self.segments else -1
        at = max(0, at - 1) if event.key() == Qt.Key.Key_Left else min(len(self.segments) - 1, at + 1)
        self.select(self.segments[at])
        segment = self.segments[at]
        announce(self, arg(tr("%1: %2"), timestamp(segment.start, always_hours=False), segment.text.strip()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.duration_s > 0 and event.button() == Qt.MouseButton.LeftButton:
            self.time_clicked.emit(self.seconds_at(event.position().x()))


def _per_pixel(peaks: np.ndarray, width: int) -> np.ndarray:
    """The loudest of the peaks under each of `width` pixels (or each peak stretched, when there are fewer)."""
    if len(peaks) <= width:
        return peaks[np.arange(width) * len(peaks) // width]
    starts = np.arange(width) * len(peaks) // width
    return np.maximum.reduceat(peaks, starts)
