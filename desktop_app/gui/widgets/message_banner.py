"""An inline message above a panel's content: errors and hints the user can read without a modal dialog,
with an optional action button (e.g. "Download …") and a progress bar for what that action starts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop_app.core.errors import ErrorInfo
from desktop_app.core.i18n import tr
from desktop_app.gui import theme
from desktop_app.gui.accessibility import announce
from desktop_app.gui.resources import tinted_icon


class MessageBanner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton()
        self.action.hide()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.level = "info"
        self.close_button = QToolButton()
        theme.changes().changed.connect(self._on_theme_changed)
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(tr("Dismiss"))
        self.close_button.setAccessibleName(tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        self._on_action: Callable[[], Any] | None = None
        self.action.clicked.connect(self._on_action_clicked)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.label)
        text.addWidget(self.progress)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addLayout(text, 1)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._style()
        self.hide()

    def show_message(self, text: str, level: str = "info", action: tuple[str, Callable[[], Any]] | None = None) -> None:
        """Show `text`; `action` adds a button (its label, what it does) until the next message."""
        self.level = level
        self._style()
        self.label.setText(text)
        self.set_action(action)
        self.show()
        if level != "info":  # warnings and errors are said at once; hints wait for the reader
            announce(self, text, urgent=level == "error")

    def _style(self) -> None:
        """The level's colours from the theme in use: the label's text too, never the palette's (a light text
        on the light banner of a dark palette could not be read)."""
        colours = theme.current().banners[self.level]
        sheet = (
            f"#messageBanner {{ background: {colours.background}; border: 1px solid {colours.border}; "
            f"border-radius: 4px; }} #messageBanner QLabel {{ color: {colours.text}; background: transparent; }}"
        )
        if sheet != self.styleSheet():  # a new style sheet changes the palette: only when the look changes
            self.setStyleSheet(sheet)
        self.close_button.setIcon(tinted_icon("x", colours.text))  # drawn in the banner's text colour

    def _on_theme_changed(self, _theme: object) -> None:
        self._style()

    def set_action(self, action: tuple[str, Callable[[], Any]] | None) -> None:
        self._on_action = action[1] if action else None
        self.action.setText(action[0] if action else "")
        self.action.setVisible(action is not None)

    def show_error(self, error: ErrorInfo) -> None:
        self.show_message(error.user_text(), "error")

    def text(self) -> str:
        return str(self.label.text()) if self.isVisible() else ""

    def _on_action_clicked(self) -> None:
        if self._on_action is not None:
            self._on_action()
