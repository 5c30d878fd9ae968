"""What a recording looks like while it runs: a level meter and a scrolling waveform."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.i18n import arg, tr
from desktop_app.gui import theme


class LevelMeter(QWidget):
    """A horizontal bar of the latest peak, green to red; a clipping peak turns the bar red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = 0.0
        self.setMinimumSize(120, 14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(tr("Input level"))
        self.setAccessibleName(tr("Input level"))

    def set_level(self, level: float) -> None:
        level = float(min(max(level, 0.0), 1.0))
        if abs(level - self.level) > 1e-3:
            self.level = level
            self.setAccessibleDescription(arg(tr("%1 percent"), round(100 * level)))  # read when asked, not said
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect().adjusted(0, 0, -1, -1)
        painter.fillRect(rect, self.palette().base())
        # A perceptual scale: -60 dB..0 dB across the bar, so speech does not sit in the first pixels.
        db = 20 * np.log10(max(self.level, 1e-6))
        fill = min(max((db + 60) / 60, 0.0), 1.0)
        fine, loud, clipping = theme.current().meter
        color = QColor(clipping if self.level >= 0.99 else loud if db > -6 else fine)
        painter.fillRect(QRectF(rect.x(), rect.y(), rect.width() * fill, rect.height()), color)
        painter.setPen(self.palette().mid().color())
        painter.drawRect(rect)


class WaveformView(QWidget):
    """The last seconds of peaks, newest on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.peaks = np.zeros(0, dtype=np.float32)
        self.capacity = 500  # points across the widget (10 s at 50 points/s)
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Recording waveform"))

    def set_peaks(self, peaks: np.ndarray) -> None:
        self.peaks = np.asarray(peaks, dtype=np.float32)[-self.capacity :]
        self.update()

    def clear(self) -> None:
        self.set_peaks(np.zeros(0, dtype=np.float32))

    def sizeHint(self) -> QSize:
        return QSize(400, 56)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect()
        painter.fillRect(rect, self.palette().base())
        mid = rect.height() / 2
        painter.setPen(self.palette().mid().color())
        painter.drawLine(QPointF(0, mid), QPointF(rect.width(), mid))
        if len(self.peaks) == 0:
            return
        step = rect.width() / self.capacity
        x0 = rect.width() - len(self.peaks) * step
        heights = np.sqrt(np.clip(self.peaks, 0, 1)) * (mid - 2)  # sqrt: quiet speech stays visible
        top = [QPointF(x0 + i * step, mid - h) for i, h in enumerate(heights)]
        bottom = [QPointF(x0 + i * step, mid + h) for i, h in reversed(list(enumerate(heights)))]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().highlight())
        painter.drawPolygon(QPolygonF(top + bottom))
