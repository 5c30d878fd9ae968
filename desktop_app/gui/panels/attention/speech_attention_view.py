"""Where in the audio each transcribed word looked: the waveform on top, tinted by the chosen word's
attention, and under it one heat row per word on the same time axis. Hover shows the word, time and value;
click a row to choose that word."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.core.i18n import arg, number, tr
from desktop_app.gui import theme
from desktop_app.gui.panels.attention.qimage import rgb_image
from desktop_app.gui.widgets.cell_cursor import CellCursor
from desktop_app.interpret.render import colours
from desktop_app.interpret.token_text import readable_all

LABEL_WIDTH = 96
WAVE_HEIGHT = 110
AXIS_HEIGHT = 18


class SpeechAttentionView(QWidget):
    word_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Word attention over the audio"))
        self.words: tuple[str, ...] = ()
        self.matrix = np.zeros((0, 0), np.float32)  # (words, time columns), rows sum to 1
        self.waveform = np.zeros((0, 2), np.float32)
        self.start_s, self.step_s, self.selected = 0.0, 0.04, 0
        self.cell_cursor = CellCursor(self, self._cells, self.cell_words)
        self._image = QImage()

    def set_attention(
        self, words: Sequence[str], matrix: np.ndarray, waveform: np.ndarray | None, start_s: float, step_s: float
    ) -> None:
        self.words, self.matrix = readable_all(words), np.asarray(matrix, np.float32)
        self.waveform = (
            np.zeros((self.matrix.shape[1], 2), np.float32) if waveform is None else np.asarray(waveform, np.float32)
        )
        self.start_s, self.step_s = start_s, step_s
        self.selected = min(self.selected, max(0, len(self.words) - 1))
        self.cell_cursor.reset((self.selected, 0))
        self.setAccessibleDescription(self._summary())
        # each word scaled to its own peak: a short word's focus is as visible as a long one's
        peaks = self.matrix.max(axis=1, keepdims=True).clip(1e-9) if self.matrix.size else 1.0
        self._image = rgb_image(colours(self.matrix / peaks)) if self.matrix.size else QImage()
        self.update()

    def select(self, word: int) -> None:
        self.selected = word
        self.setAccessibleDescription(self._summary())
        self.update()

    def _rows_rect(self) -> QRect:
        top = WAVE_HEIGHT + AXIS_HEIGHT
        return QRect(LABEL_WIDTH, top, max(1, self.width() - LABEL_WIDTH - 8), max(1, self.height() - top - 4))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self._image.isNull():
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, tr("Inspect a transcript to see where each word listened")
            )
            return
        rows = self._rows_rect()
        self._paint_wave(painter, QRect(rows.left(), 4, rows.width(), WAVE_HEIGHT - 8))
        self._paint_axis(painter, rows.left(), rows.width())
        painter.drawImage(rows, self._image)
        row_h = rows.height() / len(self.words)
        painter.setPen(self.palette().text().color())
        if row_h >= 9:
            for i, word in enumerate(self.words):
                painter.drawText(
                    QRect(2, int(rows.top() + i * row_h), LABEL_WIDTH - 6, int(row_h)),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    word[:14],
                )
        painter.setPen(QPen(QColor(theme.current().accent), 2))
        painter.drawRect(QRectF(rows.left(), rows.top() + self.selected * row_h, rows.width(), row_h))

    def _paint_wave(self, painter: QPainter, area: QRect) -> None:
        columns = len(self.waveform)
        peak = float(np.abs(self.waveform).max()) or 1.0
        middle, half = area.center().y(), area.height() / 2
        weights = self.matrix[self.selected] if len(self.words) else np.zeros(columns)
        focus = weights / (float(weights.max()) or 1.0)
        tint = colours(focus)
        width = area.width() / max(columns, 1)
        for k in range(columns):
            x = area.left() + k * width
            colour = QColor(int(tint[k, 0]), int(tint[k, 1]), int(tint[k, 2]), int(40 + 215 * focus[k]))
            painter.fillRect(QRectF(x, area.top(), width + 0.5, area.height()), colour)
        painter.setPen(self.palette().text().color())
        for k in range(columns):
            x = area.left() + (k + 0.5) * width
            low, high = self.waveform[k]
            painter.drawLine(int(x), int(middle - high / peak * half), int(x), int(middle - low / peak * half))

    def _paint_axis(self, painter: QPainter, left: int, width: int) -> None:
        span = self.step_s * self.matrix.shape[1]
        tick = next(t for t in (0.5, 1, 2, 5, 10, 30, 60) if span / t <= 12)
        painter.setPen(self.palette().text().color())
        t = np.ceil(self.start_s / tick) * tick
        while t <= self.start_s + span:
            x = left + (t - self.start_s) / span * width
            painter.drawLine(int(x), WAVE_HEIGHT, int(x), WAVE_HEIGHT + 4)
            painter.drawText(int(x) + 2, WAVE_HEIGHT + AXIS_HEIGHT - 4, f"{t:g} s")
            t += tick

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        rows = self._rows_rect()
        if self._image.isNull() or not rows.contains(point):
            return None
        words, columns = self.matrix.shape
        return (
            min(words - 1, (point.y() - rows.top()) * words // rows.height()),
            min(columns - 1, (point.x() - rows.left()) * columns // rows.width()),
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.cell_words(*cell), self)

    def _cells(self) -> tuple[int, int]:
        return (len(self.words), self.matrix.shape[1]) if self.matrix.ndim == 2 else (0, 0)

    def cell_words(self, word: int, column: int) -> str:
        seconds = self.start_s + column * self.step_s
        return arg(tr("'%1' at %2 s: %3"), self.words[word], number(seconds, 2), number(self.matrix[word, column], 3))

    def _summary(self) -> str:
        """Where the chosen word listened most, for a screen reader."""
        if not self.words:
            return ""
        peak = int(np.argmax(self.matrix[self.selected]))
        return arg(
            tr("'%1' listened most at %2 s"), self.words[self.selected], number(self.start_s + peak * self.step_s, 2)
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up and Down choose a word, Left and Right walk through its time; each step is said."""
        if self.cell_cursor.key(event):
            if self.cell_cursor.cell[0] != self.selected:
                self.select(self.cell_cursor.cell[0])
                self.word_chosen.emit(self.selected)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None:
            self.select(cell[0])
            self.word_chosen.emit(cell[0])
