"""The key to the attention views' colours: the same viridis ramp they are painted with (interpret/render.py),
from no attention to the strongest in the view, with the numbers at both ends and what the scale means."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.i18n import arg, tr
from desktop_app.gui.panels.attention.qimage import rgb_image
from desktop_app.interpret.render import colours

RAMP_WIDTH = 180
BAR_HEIGHT = 12


class ColourLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ramp = rgb_image(colours(np.tile(np.linspace(0.0, 1.0, RAMP_WIDTH), (BAR_HEIGHT, 1))))
        self.low, self.high, self.meaning = "0", "", ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Colour scale"))
        self.hide()  # until there is a view to explain

    def set_scale(self, high: float | None, meaning: str) -> None:
        """`high`: the weight the brightest colour stands for (None: each row is scaled to its own peak)."""
        self.high = "peak" if high is None else f"{high:.3g}"
        self.meaning = meaning
        self.setAccessibleDescription(arg(tr("Dark blue %1 to yellow %2: %3"), self.low, self.high, meaning))
        self.setToolTip(self.accessibleDescription())
        self.show()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(RAMP_WIDTH + 200, self.fontMetrics().height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        painter.setPen(self.palette().windowText().color())
        x, height = 0, self.height()
        low_width = metrics.horizontalAdvance(self.low) + 6
        painter.drawText(QRect(x, 0, low_width, height), int(Qt.AlignmentFlag.AlignVCenter), self.low)
        x += low_width
        painter.drawImage(QRect(x, (height - BAR_HEIGHT) // 2, RAMP_WIDTH, BAR_HEIGHT), self._ramp)
        x += RAMP_WIDTH + 6
        rest = f"{self.high}  ·  {self.meaning}"
        shown = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(self.width() - x, 0))
        painter.drawText(QRect(x, 0, self.width() - x, height), int(Qt.AlignmentFlag.AlignVCenter), shown)
