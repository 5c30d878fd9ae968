"""A one-line label that never widens the window: a text longer than the room it has ends in "…", and the
whole text is its tooltip. A new text never lays the window out again either (a `SteadyLine`): a job's status
changes many times a second."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop_app.core.i18n import tr
from desktop_app.gui.widgets.steady_line import SteadyLine


class _ElidedText(QLabel):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(tr("Stopped…")) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), shown)


class ElidedLabel(SteadyLine):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(_ElidedText(text), parent)
        self.setMinimumWidth(self.label.minimumWidth())

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        self.label.setText(text)
        if not self.property("ownTooltip"):
            self.setToolTip(text)  # the slot's: the label has none of its own, so its tooltip event comes here
