"""Fusion, with a focus ring a keyboard user can see.

Fusion outlines a focused button and the default button the same way (its highlight colour), so a person
moving with Tab cannot tell where the keyboard is when the focus sits on another button. This style draws
a second, dashed ring in the theme's accent colour inside any focused button, check box or radio button;
the default button keeps Fusion's own outline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from desktop_app.gui import theme

RINGED = (QStyle.PrimitiveElement.PE_PanelButtonCommand, QStyle.PrimitiveElement.PE_PanelButtonTool)


class FocusRingStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if focused and (element in RINGED or element == QStyle.PrimitiveElement.PE_FrameFocusRect):
            painter.save()
            pen = QPen(QColor(theme.current().accent), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = 3 if element in RINGED else 0
            painter.drawRoundedRect(option.rect.adjusted(inset, inset, -inset - 1, -inset - 1), 3, 3)
            painter.restore()
