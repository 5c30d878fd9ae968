"""A one-line label's place in a layout, which the label's changing text never makes the window lay out again.

QLabel.setText asks the layout for room again at every change, and the request climbs every layout up to the
window, which then lays out and paints the whole panel. A status line or a tok/s figure changes up to 20 times
a second while a job streams, so each change cost a whole panel's paint: a core's time taken from the model
beside it. Here the label sits in a slot with no layout of its own, where that request ends: the slot is one
line high, as wide as the layout gives it, and only the label itself is painted again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class SteadyLine(QWidget):
    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        policy = label.sizePolicy()
        self.setSizePolicy(policy.horizontalPolicy(), QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # the line's height may change
            self.updateGeometry()
