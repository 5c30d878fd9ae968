"""An inline message above a panel's content: errors and hints the user can read without a modal dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop_app.core.errors import ErrorInfo

_STYLES = {
    "error": "background:#fde8e8; color:#7a1212; border:1px solid #e6a3a3;",
    "warning": "background:#fff4d6; color:#6b4a00; border:1px solid #e8cf85;",
    "info": "background:#e6f0fb; color:#123d6b; border:1px solid #a9c7ea;",
}


class MessageBanner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, level: str = "info") -> None:
        self.setStyleSheet(f"#messageBanner {{{_STYLES[level]} border-radius:4px;}}")
        self.label.setText(text)
        self.show()

    def show_error(self, error: ErrorInfo) -> None:
        self.show_message(error.user_text(), "error")

    def text(self) -> str:
        return str(self.label.text()) if self.isVisible() else ""
